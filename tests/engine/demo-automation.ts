// The demo through the real Pulumi CLI: the repository's root project (Pulumi.yaml, the fleet
// program), a local file backend in a temp dir, the passphrase secrets provider and the emulator
// endpoint in stack config. Used when `npm run cli:install` built the CLI or a `pulumi` is on PATH;
// the program runs inline (tests/cli/cli-stack.ts says why), everything else is the CLI's.
import { CliInstall } from "../cli/cli";
import { CliStack, CliStep, type CliRun } from "../cli/cli-stack";
import type { DemoRunner } from "./demo";
import type { Operation, StackConfig } from "./stack";

function table(op: Operation, r: CliRun, elapsedMs: number): string {
  const lines = [
    `     ${"resource".padEnd(28)} ${(op === "preview" ? "plan" : "action").padEnd(16)} elapsed  changed`,
  ];
  for (const s of [...r.steps].sort((a, b) => a.name.localeCompare(b.name))) {
    const time = s.elapsedMs === undefined ? "" : `${(s.elapsedMs / 1000).toFixed(1)}s`;
    const diffs = s.diffs.length ? `[${s.diffs.join(", ")}]` : "";
    lines.push(
      `     ${s.name.padEnd(28)} ${(s.op + (s.failed ? " FAILED" : "")).padEnd(16)} ${time.padStart(7)}  ${diffs}`,
    );
  }
  const counts = new Map<string, number>();
  for (const s of r.steps) counts.set(s.op, (counts.get(s.op) ?? 0) + 1);
  const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(", ");
  lines.push(
    `  ${r.ok ? "ok" : "FAILED"}: ${summary || "no changes"} in ${(elapsedMs / 1000).toFixed(1)}s`,
  );
  if (!r.ok) lines.push(`  error: ${r.error}`);
  return lines.join("\n");
}

export async function cliRunner(cli: CliInstall, config: StackConfig): Promise<DemoRunner> {
  let progress: (line: string) => void = () => undefined;
  const stack = await CliStack.open({
    cli,
    project: ".",
    config,
    onStepDone: (s: CliStep) =>
      progress(
        `${s.name} ${s.op}${s.failed ? " FAILED" : ""} (${((s.elapsedMs ?? 0) / 1000).toFixed(1)}s)`,
      ),
  });
  return {
    description: `${cli.description}, Automation API inline program, file backend`,
    async run(op, onProgress) {
      progress = onProgress;
      const started = Date.now();
      const r = await stack[op]();
      // A refresh step that found drift ends as an update with the changed outputs.
      const drift = r.steps.filter((s) => s.op === "update").map((s) => s.name);
      return { ok: r.ok, table: table(op, r, Date.now() - started), drift };
    },
    close: () => stack.close(),
  };
}
