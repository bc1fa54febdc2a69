/**
 * Scripted faults, consumed in order. Each wire protocol turns a fault kind into its own cloud's error
 * (Alibaba: `Throttling.User` 400 with `x-acs-retry-after`, `ServiceUnavailable` 503, ...), so this module
 * stays protocol-neutral.
 *
 * A fault fires before the handler (nothing changes) unless `after: true`: then the handler runs first
 * (a write is applied and its state machine starts) and only the answer is lost, delayed or replaced,
 * which is what a dropped connection or a gateway timeout does to a real write.
 */
export type FaultKind =
  "throttle" | "unavailable" | "internal" | "reset" | "slow" | "busy" | "badGateway";

export const FAULT_KINDS: readonly FaultKind[] = [
  "throttle",
  "unavailable",
  "internal",
  "reset",
  "slow",
  "busy",
  "badGateway",
];

export interface FaultSpec {
  /** Only calls to this action (default: any action). */
  action?: string;
  /** Only calls to this service, e.g. "rds" (default: any service). */
  service?: string;
  kind: FaultKind;
  /** How many matching calls this fault hits (default 1). */
  times?: number;
  /** throttle: the `x-acs-retry-after` value in ms (default 1000). */
  retryAfterMs?: number;
  /** slow: real milliseconds to wait before answering (default 1000). */
  delayMs?: number;
  /**
   * Default false: the fault replaces the call (nothing is applied). True: the call is applied first and
   * the fault replaces its answer (`reset` drops it, `slow` delays the real answer, the others answer
   * their error instead of the success).
   */
  after?: boolean;
}

/** A fault hitting one call. */
export interface Fault {
  kind: FaultKind;
  retryAfterMs: number;
  delayMs: number;
  after: boolean;
}

interface QueuedFault {
  spec: FaultSpec;
  remaining: number;
}

function checkFault(spec: FaultSpec): void {
  if (!FAULT_KINDS.includes(spec.kind)) {
    throw new Error(
      `unknown fault kind "${String(spec.kind)}"; allowed: ${FAULT_KINDS.join(", ")}`,
    );
  }
  if (spec.after !== undefined && typeof spec.after !== "boolean") {
    throw new Error("fault after must be true or false");
  }
  const times = spec.times ?? 1;
  if (!Number.isInteger(times) || times < 1) throw new Error("fault times must be an integer >= 1");
  for (const name of ["retryAfterMs", "delayMs"] as const) {
    const value = spec[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new Error(`fault ${name} must be a number >= 0`);
    }
  }
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  /** Queues the faults, or none of them if one is invalid. */
  inject(...specs: FaultSpec[]): void {
    specs.forEach(checkFault);
    for (const spec of specs) this.queue.push({ spec: { ...spec }, remaining: spec.times ?? 1 });
  }

  /** Takes the first queued fault that matches this call, if any. */
  take(service: string, action: string): Fault | undefined {
    const index = this.queue.findIndex(
      (q) =>
        (q.spec.action === undefined || q.spec.action === action) &&
        (q.spec.service === undefined || q.spec.service === service),
    );
    if (index < 0) return undefined;
    const queued = this.queue[index];
    queued.remaining -= 1;
    if (queued.remaining === 0) this.queue.splice(index, 1);
    return {
      kind: queued.spec.kind,
      retryAfterMs: queued.spec.retryAfterMs ?? 1000,
      delayMs: queued.spec.delayMs ?? 1000,
      after: queued.spec.after ?? false,
    };
  }

  /** The faults not consumed yet, with their remaining counts. */
  pending(): FaultSpec[] {
    return this.queue.map((q) => ({ ...q.spec, times: q.remaining }));
  }

  clear(): void {
    this.queue = [];
  }
}
