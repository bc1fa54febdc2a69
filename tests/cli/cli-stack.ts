/**
 * One stack of one example project, run by the real Pulumi CLI (Automation API, inline program).
 *
 * The project is the example's own folder (its Pulumi.yaml; the CLI starts the dynamic-provider
 * host there, so `pulumi-dbssl/runtime` resolves as it does for a user), the program is the
 * example's own index (compiled by `npm run build`), the backend a local file folder, secrets the
 * passphrase provider. Operations return what a user sees instead of throwing: ok, the engine's
 * steps, its diagnostics and the CLI's output.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  CommandError,
  EngineEvent,
  LocalWorkspace,
  PulumiCommand,
  Stack as AutoStack,
} from "@pulumi/pulumi/automation";
import { ChildProcess } from "child_process";
import { repoRoot } from "../engine/host";
import { CliInstall, CliOutput, runCli } from "./cli";
import { withInlineProgram } from "./inline-server";

const REPO_ROOT = repoRoot();

export type CliConfig = Record<string, string | { secret: string }>;

export interface CliStep {
  name: string;
  type: string;
  op: string;
  diffs: string[];
  failed: boolean;
  /** From the step's start to its end, as the CLI reported them. */
  elapsedMs?: number;
}

export interface CliRun {
  ok: boolean;
  /** The CLI's error (stderr and the message), empty when ok. */
  error: string;
  stdout: string;
  steps: CliStep[];
  /** Engine diagnostics (warnings, errors, the host's output) with their severity. */
  diagnostics: string[];
}

export interface CliStackOptions {
  cli: CliInstall;
  /** The project folder: `examples/<name>` or the repository root (the fleet's root Pulumi.yaml). */
  project: string;
  /** The compiled program to run; defaults to dist/<project>/index.js. */
  program?: string;
  config: CliConfig;
  /** Extra environment of the CLI and the plugins it starts. */
  env?: Record<string, string>;
  /** The emulator's URL: the provider host then runs on its virtual clock (test-only preload). */
  virtualClockUrl?: string;
  /** Called as each resource's step ends (the demo prints progress with it). */
  onStepDone?: (step: CliStep) => void;
}

const nameOf = (urn: string) => urn.split("::").slice(3).join("::");

/** The project's `main` (Pulumi.yaml), as `npm run build` compiled it under dist/. */
function compiledMain(workDir: string): string {
  const yaml = fs.readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8");
  const main = /^main:\s*(\S+)\s*$/m.exec(yaml)?.[1] ?? "index.ts";
  const source = path.relative(REPO_ROOT, path.join(workDir, main)).replace(/\.ts$/, ".js");
  return path.join(REPO_ROOT, "dist", source);
}

/** Runs a compiled program fresh each time, as `pulumi` would start it anew. */
function inlineProgram(file: string): () => Promise<Record<string, unknown>> {
  return async () => {
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(path.dirname(file) + path.sep)) delete require.cache[key];
    }
    return { ...(require(file) as Record<string, unknown>) };
  };
}

/** The output keys a refresh changed (its events carry no diffs; the CLI's display compares
 *  the old and new outputs the same way). */
function changedOutputs(before: Record<string, unknown> = {}, after: Record<string, unknown> = {}) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => !k.startsWith("__") && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}

/** One step per resource (providers and the stack left out); the final op is the one the engine
 *  reports when the step ends (a refresh step starts as "refresh" and ends as "update" on drift). */
function collect(steps: CliStep[], diagnostics: string[], onStepDone?: (s: CliStep) => void) {
  const byUrn = new Map<string, CliStep>();
  const started = new Map<string, number>();
  const counted = (type: string) =>
    type !== "pulumi:pulumi:Stack" && !type.startsWith("pulumi:providers:");
  return (e: EngineEvent) => {
    const pre = e.resourcePreEvent?.metadata;
    if (pre && counted(pre.type)) {
      const step = {
        name: nameOf(pre.urn),
        type: pre.type,
        op: pre.op,
        diffs: pre.diffs ?? [],
        failed: false,
      };
      byUrn.set(pre.urn, step);
      started.set(pre.urn, Date.now());
      steps.push(step);
    }
    const done = e.resOutputsEvent?.metadata;
    const step = done && byUrn.get(done.urn);
    if (done && step) {
      step.op = done.op;
      step.diffs =
        done.diffs ??
        (done.old && done.new ? changedOutputs(done.old.outputs, done.new.outputs) : []);
    }
    const failed = e.resOpFailedEvent?.metadata;
    if (failed && byUrn.has(failed.urn)) byUrn.get(failed.urn)!.failed = true;
    const ended = done ?? failed;
    const endedStep = ended && byUrn.get(ended.urn);
    if (ended && endedStep) {
      endedStep.elapsedMs = Date.now() - (started.get(ended.urn) ?? Date.now());
      onStepDone?.(endedStep);
    }
    const d = e.diagnosticEvent;
    if (d) diagnostics.push(`${d.severity}: ${d.message.trim()}`);
  };
}

export class CliStack {
  private constructor(
    readonly stack: AutoStack,
    readonly workDir: string,
    readonly env: Record<string, string>,
    private readonly tmp: string,
    private readonly install: CliInstall,
    /** The program, for a command line run with `withInlineProgram`. */
    readonly inlineProgram: () => Promise<Record<string, unknown>>,
    private readonly onStepDone?: (step: CliStep) => void,
  ) {}

  static async open(opts: CliStackOptions): Promise<CliStack> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dbssl-cli-"));
    fs.mkdirSync(path.join(tmp, "backend"));
    const workDir = path.resolve(REPO_ROOT, opts.project);
    const program = opts.program ?? compiledMain(workDir);
    const env: Record<string, string> = {
      PULUMI_BACKEND_URL: `file://${path.join(tmp, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: "cli-test-passphrase",
      PULUMI_HOME: path.join(tmp, "home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PATH: [...opts.cli.pathDirs, process.env.PATH ?? ""].join(path.delimiter),
      ...(opts.virtualClockUrl ? clockEnv(opts.virtualClockUrl) : {}),
      ...opts.env,
    };
    const pulumiCommand = await PulumiCommand.get({
      root: path.dirname(path.dirname(opts.cli.command)),
    });
    // A stack name of its own: tests of the same example may run side by side (mocha workers), and
    // the stack's config file (Pulumi.<stack>.yaml, git-ignored) is removed by close().
    const stackName = `cli-${path.basename(tmp).replace(/[^A-Za-z0-9]/g, "")}`;
    const run = inlineProgram(program);
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName, projectName: path.basename(workDir), program: run },
      { workDir, envVars: env, secretsProvider: "passphrase", pulumiCommand },
    );
    const cliStack = new CliStack(stack, workDir, env, tmp, opts.cli, run, opts.onStepDone);
    await cliStack.setConfig(opts.config);
    return cliStack;
  }

  /** Sets stack config (`pulumi config set`, secrets with `--secret`). */
  async setConfig(config: CliConfig): Promise<void> {
    await this.stack.setAllConfig(
      Object.fromEntries(
        Object.entries(config).map(([k, v]) => [
          k,
          typeof v === "object" ? { value: v.secret, secret: true } : { value: v },
        ]),
      ),
    );
  }

  get name(): string {
    return this.stack.name;
  }

  preview(opts: { policyPacks?: string[]; expectNoChanges?: boolean } = {}): Promise<CliRun> {
    return this.run((onEvent) => this.stack.preview({ ...opts, onEvent }));
  }

  up(opts: { expectNoChanges?: boolean; refresh?: boolean } = {}): Promise<CliRun> {
    return this.run((onEvent) => this.stack.up({ ...opts, onEvent }));
  }

  refresh(
    opts: { previewOnly?: boolean; expectNoChanges?: boolean; clearPendingCreates?: boolean } = {},
  ): Promise<CliRun> {
    return this.run((onEvent) => this.stack.refresh({ ...opts, onEvent }));
  }

  destroy(): Promise<CliRun> {
    return this.run((onEvent) => this.stack.destroy({ onEvent }));
  }

  /** Runs the CLI directly in the project folder, on this stack. */
  cli(args: string[]): Promise<CliOutput> {
    return runCli(this.install, [...args, "--stack", this.name], {
      cwd: this.workDir,
      env: this.env,
    });
  }

  /**
   * Runs a command line that runs the program (`preview --policy-pack ...`, `up --yes ...`)
   * exactly as given, plus `--stack` and what points the CLI at the inline program.
   */
  cliWithProgram(args: string[], onSpawn?: (child: ChildProcess) => void): Promise<CliOutput> {
    return withInlineProgram(this.inlineProgram, (clientArgs) =>
      runCli(this.install, [...args, "--stack", this.name, ...clientArgs], {
        cwd: this.workDir,
        env: this.env,
        onSpawn,
      }),
    );
  }

  /** `pulumi stack export` as a user runs it (no --show-secrets). */
  async exportState(): Promise<{ text: string; resources: Record<string, unknown>[] }> {
    const out = await this.cli(["stack", "export"]);
    if (out.code !== 0) throw new Error(`pulumi stack export failed: ${out.stderr}`);
    const deployment = JSON.parse(out.stdout) as {
      deployment: { resources?: Record<string, unknown>[] };
    };
    return { text: out.stdout, resources: deployment.deployment.resources ?? [] };
  }

  async close(): Promise<void> {
    await this.stack.workspace.removeStack(this.name, { force: true }).catch(() => undefined);
    fs.rmSync(path.join(this.workDir, `Pulumi.${this.name}.yaml`), { force: true });
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }

  private async run(op: (onEvent: (e: EngineEvent) => void) => Promise<{ stdout: string }>) {
    const steps: CliStep[] = [];
    const diagnostics: string[] = [];
    try {
      const r = await op(collect(steps, diagnostics, this.onStepDone));
      return { ok: true, error: "", stdout: r.stdout, steps, diagnostics };
    } catch (e) {
      const error = e instanceof CommandError ? e.message : String(e);
      return { ok: false, error, stdout: "", steps, diagnostics };
    }
  }
}

/** The test-only clock preload of tests/fixtures, for the provider host the CLI starts. */
function clockEnv(url: string): Record<string, string> {
  const preload = path.join(REPO_ROOT, "dist", "tests", "fixtures", "clock-preload.js");
  return {
    DBSSL_TEST_CLOCK_URL: url,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(preload)}`.trim(),
  };
}
