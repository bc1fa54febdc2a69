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
  stack?: string;
  stateFile: string;
  passphrase: string;
  config?: StackConfig;
  /** Extra environment for the dynamic-provider host (e.g. DBSSL_TEST_CLOCK_URL). */
  hostEnv?: Record<string, string>;
  /** Steps run concurrently, like `pulumi up --parallel` (default 16). */
  parallelism?: number;
  onStep?: (s: StepRecord) => void;
  /** Each line the provider writes to stderr, as the Pulumi CLI shows it (pulumi-dynamic.md P7). */
  onHostLog?: (line: string) => void;
}

export type Operation = "preview" | "up" | "refresh" | "destroy";

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
}

export class Stack {
  readonly project: string;
  readonly stack: string;
  private readonly state: StateFile;

  constructor(private readonly opts: StackOptions) {
    this.project = opts.project ?? projectNameNear(opts.program) ?? "dbssl";
    this.stack = opts.stack ?? "dev";
    this.state = new StateFile(opts.stateFile, opts.passphrase, this.stack);
  }

  /** Check and Diff only: what `up` would do. Writes nothing, neither to the cloud nor the state. */
  preview(): Promise<OperationResult> {
    return this.withProgram("preview");
  }

  up(): Promise<OperationResult> {
    return this.withProgram("up");
  }

  refresh(): Promise<OperationResult> {
    return this.operate("refresh", (d) => d.refreshAll());
  }

  destroy(): Promise<OperationResult> {
    return this.operate("destroy", async (d, olds) => d.deleteInOrder(olds));
  }

  /** The resources in the state file, secrets decrypted (wire form). */
  resources(): Promise<ResourceState[]> {
    return this.state.load();
  }

  private withProgram(op: "preview" | "up"): Promise<OperationResult> {
    return this.operate(op, async (d, _olds, result) => {
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
    });
  }

  private async operate(
    operation: Operation,
    body: (d: Deployment, olds: ResourceState[], r: OperationResult) => Promise<void>,
  ): Promise<OperationResult> {
    const started = Date.now();
    const olds = await this.state.load();
    const host = await this.startHost();
    const preview = operation === "preview";
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
    };
    try {
      await body(d, olds, result);
      if (!preview) await this.state.save(d.snapshot());
    } finally {
      await host.stop();
    }
    return { ...result, ok: d.ok, elapsedMs: Date.now() - started };
  }

  /** One host per operation, configured with the whole stack config, as the engine does. */
  private async startHost(): Promise<DynamicHost> {
    const host = await startDynamicHost({
      project: this.project,
      cwd: path.dirname(path.resolve(this.opts.program)),
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

function projectNameNear(program: string): string | undefined {
  for (
    let dir = path.dirname(path.resolve(program));
    dir !== path.dirname(dir);
    dir = path.dirname(dir)
  ) {
    const file = path.join(dir, "Pulumi.yaml");
    if (fs.existsSync(file)) return /^name:\s*(\S+)/m.exec(fs.readFileSync(file, "utf8"))?.[1];
  }
  return undefined;
}
