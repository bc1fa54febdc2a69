// The harness's public face: one Pulumi stack (program + config + state file) with preview, up,
// refresh and destroy, played by our stand-in for the Pulumi engine.
import * as fs from "fs";
import * as path from "path";
import { Deployment, StepRecord } from "./deployment";
import { ConfigValue, DynamicHost, startDynamicHost } from "./host";
import { runProgram } from "./program";
import { ResourceState, StateFile } from "./state";
import { PropertyMap } from "./wire";

/** Stack config: `{ "project:key": value | { secret: value } }`, as `pulumi config set [--secret]`. */
export type StackConfig = Record<string, ConfigValue>;

export interface StackOptions {
  /** The Pulumi program (a .ts or .js file). */
  program: string;
  /** Defaults to the `name:` of the Pulumi.yaml next to the program, else "dbssl". */
  project?: string;
  /**
   * Where the CLI would run: the directory of that Pulumi.yaml (else the program's). The host
   * starts there and resolves `@pulumi/pulumi` and `pulumi-dbssl` from there, as under the CLI.
   */
  projectDir?: string;
  stack?: string;
  stateFile: string;
  passphrase: string;
  config?: StackConfig;
  /**
   * Extra environment for the dynamic-provider host. DBSSL_TEST_CLOCK_URL=<emulator url> makes the
   * host share the emulator's virtual clock (through the test-side preload, see host.ts).
   */
  hostEnv?: Record<string, string>;
  /** Steps run concurrently, like `pulumi up --parallel` (default 16). */
  parallelism?: number;
  onStep?: (s: StepRecord) => void;
  /** Each line the provider writes to stderr, as the Pulumi CLI shows it (pulumi-dynamic.md P7). */
  onHostLog?: (line: string) => void;
}

export type Operation = "preview" | "up" | "refresh" | "destroy";

export interface OperationOptions {
  /**
   * `--expect-no-changes`: the operation fails (`ok: false`) when any resource would change or
   * drifted, with the CLI's message, and `changes` says which resources and properties.
   */
  expectNoChanges?: boolean;
}

export interface RefreshOptions extends OperationOptions {
  /** `refresh --preview-only`: read the cloud and show the drift; the state is not written. */
  previewOnly?: boolean;
}

/** One resource that changed (or would), as `--expect-no-changes` reports it. */
export interface ProposedChange {
  name: string;
  urn: string;
  op: string;
  /** The properties that differ (for refresh: the drifted outputs). */
  diffKeys: string[];
}

export interface OperationResult {
  operation: Operation;
  ok: boolean;
  steps: StepRecord[];
  errors: string[];
  /** Stack outputs in wire form (preview/up). */
  outputs: PropertyMap;
  elapsedMs: number;
  hostLogs: string[];
  programLogs: string[];
  /** Resources that changed or would change (every step other than "same"). */
  changes: ProposedChange[];
}

export class Stack {
  readonly project: string;
  readonly stack: string;
  readonly projectDir: string;
  private readonly state: StateFile;

  constructor(private readonly opts: StackOptions) {
    const near = projectFileNear(opts.program);
    this.project = opts.project ?? near?.name ?? "dbssl";
    this.projectDir = opts.projectDir ?? near?.dir ?? path.dirname(path.resolve(opts.program));
    this.stack = opts.stack ?? "dev";
    this.state = new StateFile(opts.stateFile, opts.passphrase, this.stack);
  }

  /** Check and Diff only: what `up` would do. Writes nothing, neither to the cloud nor the state. */
  preview(opts: OperationOptions = {}): Promise<OperationResult> {
    return this.withProgram("preview", opts);
  }

  up(opts: OperationOptions = {}): Promise<OperationResult> {
    return this.withProgram("up", opts);
  }

  refresh(opts: RefreshOptions = {}): Promise<OperationResult> {
    return this.operate("refresh", (d) => d.refreshAll(), opts);
  }

  destroy(): Promise<OperationResult> {
    return this.operate("destroy", async (d, olds) => d.deleteInOrder(olds));
  }

  /** The resources in the state file, secrets decrypted (wire form). */
  resources(): Promise<ResourceState[]> {
    return this.state.load();
  }

  private withProgram(op: "preview" | "up", opts: OperationOptions): Promise<OperationResult> {
    return this.operate(
      op,
      async (d, _olds, result) => {
        try {
          const run = await runProgram(this.runRequest(op === "preview"), (reg) => d.register(reg));
          result.outputs = run.outputs;
          result.programLogs.push(...run.logs);
        } catch (e) {
          const err = e as Error & { logs?: string[] };
          result.programLogs.push(...(err.logs ?? []));
          if (d.ok) d.errors.push(err.message);
          return;
        }
        await d.finish();
      },
      opts,
    );
  }

  private async operate(
    operation: Operation,
    body: (d: Deployment, olds: ResourceState[], r: OperationResult) => Promise<void>,
    opts: RefreshOptions = {},
  ): Promise<OperationResult> {
    const started = Date.now();
    const olds = await this.state.load();
    const host = await this.startHost();
    const preview = operation === "preview" || opts.previewOnly === true;
    const d = new Deployment(host, olds, {
      preview,
      parallelism: this.opts.parallelism ?? 16,
      onStep: this.opts.onStep,
    });
    const result: OperationResult = {
      operation,
      ok: false,
      steps: d.steps,
      errors: d.errors,
      outputs: {},
      elapsedMs: 0,
      hostLogs: host.logs,
      programLogs: [],
      changes: [],
    };
    try {
      await body(d, olds, result);
      if (!preview) await this.state.save(d.snapshot());
    } finally {
      await host.stop();
    }
    const changes = proposedChanges(d.steps);
    const unexpected = opts.expectNoChanges === true && changes.length > 0;
    if (unexpected) result.errors.push(noChangesExpected(operation, changes));
    return { ...result, changes, ok: d.ok && !unexpected, elapsedMs: Date.now() - started };
  }

  /** One host per operation, configured with the whole stack config, as the engine does. */
  private async startHost(): Promise<DynamicHost> {
    const host = await startDynamicHost({
      project: this.project,
      cwd: this.projectDir,
      env: this.opts.hostEnv,
      onStderr: this.opts.onHostLog,
    });
    try {
      await host.configure(this.opts.config ?? {});
    } catch (e) {
      await host.stop();
      throw e;
    }
    return host;
  }

  private runRequest(preview: boolean) {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [k, v] of Object.entries(this.opts.config ?? {})) {
      if (typeof v === "object") secretKeys.push(k);
      config[k] = typeof v === "object" ? v.secret : v;
    }
    const program = path.resolve(this.opts.program);
    return { program, project: this.project, stack: this.stack, preview, config, secretKeys };
  }
}

function projectFileNear(program: string): { name?: string; dir: string } | undefined {
  for (
    let dir = path.dirname(path.resolve(program));
    dir !== path.dirname(dir);
    dir = path.dirname(dir)
  ) {
    const file = path.join(dir, "Pulumi.yaml");
    if (fs.existsSync(file)) {
      return { name: /^name:\s*(\S+)/m.exec(fs.readFileSync(file, "utf8"))?.[1], dir };
    }
  }
  return undefined;
}

function proposedChanges(steps: StepRecord[]): ProposedChange[] {
  return steps
    .filter((s) => s.op !== "same")
    .map((s) => ({ name: s.name, urn: s.urn, op: s.op, diffKeys: s.diffKeys }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

/**
 * The CLI's failure for `--expect-no-changes`: `backenderr.NoChangesExpectedError` names the
 * operation (cmd/pulumi/operations: "preview", "refresh", "update" for up), whether it was a
 * preview or ran; then one line per resource, like the diff the CLI prints above it:
 * `~ <name> (<op>): <properties>`. (The harness said "...but changes occurred" for operations that
 * ran, and left the operation out: the real CLI, tests/cli, showed otherwise.)
 */
function noChangesExpected(operation: Operation, changes: ProposedChange[]): string {
  const named = operation === "up" ? "update" : operation;
  const head = `error: no changes were expected for ${named} but changes were proposed`;
  const lines = changes.map(
    (c) => `  ~ ${c.name} (${c.op})${c.diffKeys.length ? `: ${c.diffKeys.join(", ")}` : ""}`,
  );
  return [head, ...lines].join("\n");
}
