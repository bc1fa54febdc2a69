/**
 * Where the real Pulumi CLI is, and how a test or the demo gets at it.
 *
 * `npm run cli:install` builds it into tests/cli/bin (see install.sh); a `pulumi` on PATH (an
 * ordinary install) is used otherwise. The CLI runs our programs through the Automation API's
 * inline mode: the Node.js language host's Go module is not served here, and inline programs need
 * only `pulumi` itself (it runs `pulumi up --client=<address>` against a language server in the
 * calling process). Every other part is the CLI's own: the engine, the state, the secrets
 * provider, the plugin launches (the dynamic-provider host started in the project directory), the
 * policy analyzer.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../engine/host";

const REPO_ROOT = repoRoot();
/** The source folder tests/cli (tests run compiled from dist/, the demo under ts-node). */
export const CLI_DIR = path.join(REPO_ROOT, "tests", "cli");
export const CLI_BIN = path.join(CLI_DIR, "bin");

export interface CliInstall {
  /** The `pulumi` executable. */
  readonly command: string;
  /** Where it came from, for the one line the demo and the tests print. */
  readonly description: string;
  /** Directories to put first on PATH (the plugin launchers next to our build). */
  readonly pathDirs: string[];
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, command);
    if (dir && fs.existsSync(file)) return file;
  }
  return undefined;
}

/** The CLI built by `npm run cli:install`, else a `pulumi` on PATH, else undefined. */
export function findCli(): CliInstall | undefined {
  const built = path.join(CLI_BIN, "pulumi");
  if (fs.existsSync(built)) {
    return {
      command: built,
      description: `the Pulumi CLI built from source (${path.relative(REPO_ROOT, built)})`,
      pathDirs: [CLI_BIN],
    };
  }
  const ambient = onPath("pulumi");
  if (ambient)
    return { command: ambient, description: `the Pulumi CLI at ${ambient}`, pathDirs: [] };
  return undefined;
}

/**
 * For a test that needs the CLI: the install, or one line saying why it is skipped. Under
 * DBSSL_REQUIRE_CLI=1 (set by .ci/run) a missing CLI fails the test instead.
 */
export function cliOrSkip(ctx: Mocha.Context): CliInstall {
  const cli = findCli();
  if (cli) return cli;
  const why = "no Pulumi CLI (run `npm run cli:install`, which needs Go, or put `pulumi` on PATH)";
  if (process.env.DBSSL_REQUIRE_CLI === "1") throw new Error(`CLI tests required: ${why}`);
  console.log(`      skipped: ${why}`);
  ctx.skip();
}

export interface CliOutput {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI directly; `onSpawn` gets the process (a crash test kills it). */
export function runCli(
  cli: CliInstall,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; onSpawn?: (child: ChildProcess) => void },
): Promise<CliOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli.command, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? 128, signal, stdout, stderr }));
    opts.onSpawn?.(child);
  });
}
