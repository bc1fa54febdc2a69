// Parent side of program-runner.ts: runs a Pulumi program in a child process (like the engine
// starting the language host) and hands each registration to the step generator.
import { fork } from "child_process";
import * as path from "path";
import type {
  ChildMessage,
  ParentMessage,
  Registration,
  RunRequest,
  StartMessage,
} from "./program-runner";

export type { Registration } from "./program-runner";

export type RegisterHandler = (
  r: Registration,
) => Promise<{ id: string; outputs: Record<string, unknown> }>;

export interface ProgramResult {
  /** Stack outputs in wire form. */
  outputs: Record<string, unknown>;
  /** Program stdout/stderr lines. */
  logs: string[];
}

function runnerPath(): { file: string; execArgv: string[] } {
  const ts = path.join(__dirname, "program-runner.ts");
  if (__filename.endsWith(".ts"))
    return { file: ts, execArgv: ["-r", "ts-node/register/transpile-only"] };
  return { file: path.join(__dirname, "program-runner.js"), execArgv: [] };
}

/** Runs the program; resolves once it has finished and every registration was answered. */
export function runProgram(
  request: RunRequest,
  onRegister: RegisterHandler,
): Promise<ProgramResult> {
  const { file, execArgv } = runnerPath();
  const child = fork(file, [], {
    cwd: path.dirname(request.program),
    execArgv,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  child.send({ kind: "run", request } satisfies StartMessage);
  const logs: string[] = [];
  child.stdout!.on("data", (d: Buffer) => logs.push(...d.toString().split("\n").filter(Boolean)));
  child.stderr!.on("data", (d: Buffer) => logs.push(...d.toString().split("\n").filter(Boolean)));
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | undefined, outputs?: Record<string, unknown>) => {
      if (settled) return;
      settled = true;
      if (child.exitCode === null) child.kill();
      if (err) reject(Object.assign(err, { logs }));
      else resolve({ outputs: outputs ?? {}, logs });
    };
    child.on("message", (m: ChildMessage) => {
      if (m.kind === "done") finish(undefined, m.outputs);
      else if (m.kind === "error") finish(new Error(`program failed: ${m.message}`));
      else answer(child, m.seq, onRegister(m.registration));
    });
    child.on("exit", (code) =>
      finish(new Error(`program exited (${code}) before finishing:\n${logs.join("\n")}`)),
    );
  });
}

function answer(
  child: ReturnType<typeof fork>,
  seq: number,
  result: Promise<{ id: string; outputs: Record<string, unknown> }>,
): void {
  const reply = (m: ParentMessage) => child.connected && child.send(m);
  result.then(
    (r) => reply({ kind: "registered", seq, id: r.id, outputs: r.outputs }),
    (e: Error) => reply({ kind: "failed", seq, message: e.message }),
  );
}
