// One deployment (preview, up, refresh or destroy) over a loaded snapshot: it applies the steps the
// step generator decides, at most `parallelism` at a time, and builds the new snapshot the way the
// engine does (partial failures keep the resource; replaced resources are deleted after their
// replacement exists, unless delete-before-replace; resources no longer declared are deleted last,
// dependents first).
import { DynamicHost, ResourceInitFailedError } from "./host";
import { Registration } from "./program";
import { ResourceState } from "./state";
import { assertDeletable, newState, PlannedStep, planStep, StepOp } from "./steps";
import {
  annotateSecrets,
  changedKeys,
  markAdditionalSecrets,
  PropertyMap,
  unwrapSecrets,
} from "./wire";

export interface StepRecord {
  urn: string;
  name: string;
  op: StepOp;
  /** planned (preview), done, or failed. */
  status: "planned" | "done" | "failed";
  elapsedMs: number;
  diffKeys: string[];
  error?: string;
}

export interface DeploymentOptions {
  preview: boolean;
  parallelism: number;
  onStep?: (s: StepRecord) => void;
}

type Answer = { id: string; outputs: PropertyMap };

/** Runs at most `n` tasks at a time, like the engine's step executor workers. */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly n: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.n) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

const nameOf = (urn: string) => urn.split("::").slice(3).join("::");

export class Deployment {
  readonly steps: StepRecord[] = [];
  readonly errors: string[] = [];
  private readonly news = new Map<string, ResourceState>();
  private readonly gone = new Set<ResourceState>();
  private readonly declared = new Set<string>();
  private readonly replaced: ResourceState[] = [];
  private readonly limit: Limiter;
  private failed = false;

  constructor(
    private readonly host: DynamicHost,
    private readonly olds: ResourceState[],
    private readonly opts: DeploymentOptions,
  ) {
    this.limit = new Limiter(opts.parallelism);
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** The engine's answer to one registration from the program. */
  register(reg: Registration): Promise<Answer> {
    return this.limit.run(() => this.registerOne(reg));
  }

  private async registerOne(reg: Registration): Promise<Answer> {
    const started = Date.now();
    let plan: PlannedStep | undefined;
    this.declared.add(reg.urn);
    try {
      // After a failed step the engine issues no new steps (no --continue-on-error).
      if (this.failed && !this.opts.preview) throw new Error("skipped: an earlier step failed");
      plan = await planStep(this.host, reg, this.liveOld(reg.urn));
      const answer = this.opts.preview
        ? this.previewAnswer(reg, plan)
        : await this.apply(reg, plan);
      this.record(reg.urn, plan.op, started, plan.diffKeys);
      return answer;
    } catch (e) {
      this.record(reg.urn, plan?.op ?? "create", started, plan?.diffKeys ?? [], e);
      throw e;
    }
  }

  private liveOld(urn: string): ResourceState | undefined {
    return this.olds.find((o) => o.urn === urn && !o.delete);
  }

  private secure(reg: Registration, outputs: PropertyMap, inputs: PropertyMap): PropertyMap {
    return markAdditionalSecrets(annotateSecrets(outputs, inputs), reg.additionalSecretOutputs);
  }

  /** In preview the host is not asked to create or update (supportsPreview=false): inputs stand in. */
  private previewAnswer(reg: Registration, plan: PlannedStep): Answer {
    if (plan.op === "same") return { id: plan.old!.id, outputs: plan.old!.outputs };
    const outputs = this.secure(reg, plan.inputs, plan.inputs);
    return { id: plan.op === "update" ? plan.old!.id : "", outputs };
  }

  private async apply(reg: Registration, plan: PlannedStep): Promise<Answer> {
    const old = plan.old;
    if (plan.op === "same") {
      this.news.set(reg.urn, newState(reg, old!.id, plan.inputs, old!.outputs));
      return { id: old!.id, outputs: old!.outputs };
    }
    if (plan.op === "update") return this.providerWrite(reg, plan.inputs, old);
    if (plan.op === "replace" && plan.deleteBeforeReplace) await this.deleteResource(old!);
    const answer = await this.providerWrite(reg, plan.inputs, undefined);
    if (plan.op === "replace" && !plan.deleteBeforeReplace) this.replaced.push(old!);
    return answer;
  }

  /** Create (no old) or Update; an ErrorResourceInitFailed keeps the resource with its id and properties. */
  private async providerWrite(
    reg: Registration,
    inputs: PropertyMap,
    old?: ResourceState,
  ): Promise<Answer> {
    const plain = unwrapSecrets(inputs);
    try {
      const res = old
        ? {
            id: old.id,
            ...(await this.host.update(old.id, reg.urn, unwrapSecrets(old.outputs), plain)),
          }
        : await this.host.create(reg.urn, plain);
      const outputs = this.secure(reg, res.outputs, inputs);
      this.news.set(reg.urn, newState(reg, res.id, inputs, outputs));
      return { id: res.id, outputs };
    } catch (e) {
      if (e instanceof ResourceInitFailedError) {
        const outputs = this.secure(reg, e.properties, inputs);
        const state = newState(reg, e.id || old?.id || "", inputs, outputs);
        this.news.set(reg.urn, { ...state, initErrors: e.reasons });
      }
      throw e;
    }
  }

  private async deleteResource(old: ResourceState): Promise<void> {
    assertDeletable(old);
    if (!this.opts.preview && !old.retainOnDelete) {
      await this.host.delete(old.id, old.urn, unwrapSecrets(old.outputs));
    }
    this.gone.add(old);
  }

  /** After the program: delete replaced resources and those no longer declared (skipped after a failure). */
  async finish(): Promise<void> {
    if (this.failed && !this.opts.preview) return;
    const undeclared = this.olds.filter(
      (o) => !this.gone.has(o) && (o.delete || !this.declared.has(o.urn)),
    );
    await this.deleteInOrder([...undeclared, ...this.replaced.filter((o) => !this.gone.has(o))]);
  }

  /** Deletes dependents before what they depend on; independent deletes run concurrently. */
  async deleteInOrder(targets: ResourceState[]): Promise<void> {
    let remaining = [...new Set(targets)];
    while (remaining.length > 0) {
      const blocked = (r: ResourceState) =>
        remaining.some((o) => o !== r && o.urn !== r.urn && o.dependencies.includes(r.urn));
      let wave = remaining.filter((r) => !blocked(r));
      if (wave.length === 0) wave = remaining;
      await Promise.all(wave.map((r) => this.limit.run(() => this.deleteStep(r))));
      const failed = wave.filter((r) => !this.gone.has(r)).map((r) => r.urn);
      // A resource whose dependent could not be deleted must stay.
      remaining = remaining.filter(
        (r) => !wave.includes(r) && !r.dependencies.some((d) => failed.includes(d)),
      );
      if (failed.length > 0 && !this.opts.preview) remaining = [];
    }
  }

  private async deleteStep(old: ResourceState): Promise<void> {
    const started = Date.now();
    try {
      await this.deleteResource(old);
      this.record(old.urn, "delete", started, []);
    } catch (e) {
      this.record(old.urn, "delete", started, [], e);
    }
  }

  /** refresh: Read each resource with its stored outputs; keep the inputs Read returns. */
  async refreshAll(): Promise<void> {
    await Promise.all(
      this.olds.filter((o) => !o.delete).map((o) => this.limit.run(() => this.refreshOne(o))),
    );
  }

  private async refreshOne(old: ResourceState): Promise<void> {
    const started = Date.now();
    try {
      const r = await this.host.read(
        old.id,
        old.urn,
        unwrapSecrets(old.outputs),
        unwrapSecrets(old.inputs),
      );
      if (!r.id) {
        this.gone.add(old);
        return this.record(old.urn, "read-delete", started, []);
      }
      const asReg = { additionalSecretOutputs: old.additionalSecretOutputs ?? [] } as Registration;
      const outputs = this.secure(asReg, annotateSecrets(r.outputs, old.outputs), old.inputs);
      const inputs = r.inputs ? annotateSecrets(r.inputs, old.inputs) : old.inputs;
      this.news.set(old.urn, { ...old, id: r.id, outputs, inputs });
      const drift = changedKeys(old.outputs, outputs);
      this.record(old.urn, drift.length > 0 ? "refresh" : "same", started, drift);
    } catch (e) {
      this.record(old.urn, "refresh", started, [], e);
    }
  }

  private record(
    urn: string,
    op: StepOp,
    started: number,
    diffKeys: string[],
    err?: unknown,
  ): void {
    const status = err ? "failed" : this.opts.preview ? "planned" : "done";
    const step: StepRecord = {
      urn,
      name: nameOf(urn),
      op,
      status,
      elapsedMs: Date.now() - started,
      diffKeys,
    };
    if (err) {
      step.error = err instanceof Error ? err.message : String(err);
      this.errors.push(`${urn}: ${step.error}`);
      this.failed = true;
    }
    this.steps.push(step);
    this.opts.onStep?.(step);
  }

  /** The snapshot after this deployment: new states, then old ones not replaced or deleted. */
  snapshot(): ResourceState[] {
    const pending = new Set(this.replaced);
    const kept = this.olds.filter(
      (o) => !this.gone.has(o) && (o.delete || pending.has(o) || !this.news.has(o.urn)),
    );
    return [
      ...kept.filter((o) => !pending.has(o)),
      ...kept.filter((o) => pending.has(o)).map((o) => ({ ...o, delete: true })),
      ...this.news.values(),
    ];
  }
}
