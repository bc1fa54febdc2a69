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
  "throttle" | "unavailable" | "internal" | "reset" | "slow" | "busy" | "badGateway" | AnswerShape;

/**
 * Faults that change the shape of a successful answer; they always hit after the handler ran
 * (`after` is implied): `hollow` keeps only the request id (a 200 `{}` for RDS v3), `huge` is
 * `hollow` plus megabytes of padding, `truncated` cuts the real body in half, `trickle` sends the
 * real answer one byte every `delayMs` real milliseconds (an idle timeout never fires on it).
 */
export type AnswerShape = "hollow" | "huge" | "truncated" | "trickle";

export const ANSWER_SHAPES: readonly FaultKind[] = ["hollow", "huge", "truncated", "trickle"];

export const FAULT_KINDS: readonly FaultKind[] = [
  "throttle",
  "unavailable",
  "internal",
  "reset",
  "slow",
  "busy",
  "badGateway",
  ...ANSWER_SHAPES,
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
  /** slow: milliseconds to wait before answering (default 1000); trickle: real ms per byte. */
  delayMs?: number;
  /**
   * throttle only: a standing rate limit instead of a count. Calls to the service (or the action)
   * beyond this many per second are throttled, as the cloud's flow control does; never consumed
   * (`times` is ignored), removed by `clearFaults`. Each protocol answers its own throttling error.
   */
  ratePerSecond?: number;
  /** With `ratePerSecond` and no `action`: one limit per action ("per API") rather than one shared. */
  perAction?: boolean;
  /**
   * With `ratePerSecond`: a window instead of a bucket. At most `ratePerSecond * windowMs / 1000`
   * calls in any `windowMs`, as a gateway's "N calls per minute" reads at its strictest (Huawei's
   * API gateway, `user_call_limits` per `time_unit`): the whole window's calls may come at once,
   * then none until the first of them leaves it.
   */
  windowMs?: number;
  /**
   * With `ratePerSecond`: only calls signed with this access key, the "single user" of a limit
   * per user (Huawei rds_00_0002). Protocols that do not pass the caller never match it.
   */
  user?: string;
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
  if (spec.ratePerSecond !== undefined) {
    if (spec.kind !== "throttle") throw new Error("fault ratePerSecond needs kind throttle");
    if (!(Number.isFinite(spec.ratePerSecond) && spec.ratePerSecond > 0)) {
      throw new Error("fault ratePerSecond must be a number > 0");
    }
    const { windowMs } = spec;
    if (windowMs !== undefined && !(Number.isInteger(windowMs) && windowMs >= 1000)) {
      throw new Error("fault windowMs must be an integer >= 1000");
    }
  } else if (spec.windowMs !== undefined || spec.user !== undefined) {
    throw new Error("fault windowMs and user need ratePerSecond");
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

/**
 * A standing limit per service or action (and user): a token bucket whose burst is one second's
 * worth, or with `windowMs` a sliding window that holds the time of each call it let through.
 */
class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly windows = new Map<string, number[]>();
  constructor(readonly spec: FaultSpec) {}

  matches(service: string, action: string, user: string | undefined): boolean {
    const { spec } = this;
    return (
      (spec.action === undefined || spec.action === action) &&
      (spec.service === undefined || spec.service === service) &&
      (spec.user === undefined || spec.user === user)
    );
  }

  /** Undefined when the call may pass (it is counted), else the ms until it could. */
  exceeded(service: string, action: string, now: number): number | undefined {
    const key = this.spec.perAction ? `${service}/${action}` : service;
    return this.spec.windowMs === undefined ? this.bucket(key, now) : this.window(key, now);
  }

  private bucket(key: string, now: number): number | undefined {
    const rate = this.spec.ratePerSecond!;
    const bucket = this.buckets.get(key) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.ceil(((1 - bucket.tokens) / rate) * 1000);
  }

  private window(key: string, now: number): number | undefined {
    const windowMs = this.spec.windowMs!;
    const allowed = Math.max(1, Math.floor((this.spec.ratePerSecond! * windowMs) / 1000));
    const calls = (this.windows.get(key) ?? []).filter((at) => at > now - windowMs);
    this.windows.set(key, calls);
    if (calls.length < allowed) {
      calls.push(now);
      return undefined;
    }
    return Math.max(1, calls[calls.length - allowed] + windowMs - now);
  }
}

export class FaultQueue {
  private queue: QueuedFault[] = [];
  private limits: RateLimit[] = [];

  /** `now`: the emulator's (virtual) clock, which standing rate limits are measured on. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Queues the faults, or none of them if one is invalid. */
  inject(...specs: FaultSpec[]): void {
    specs.forEach(checkFault);
    for (const spec of specs) {
      if (spec.ratePerSecond !== undefined) this.limits.push(new RateLimit({ ...spec }));
      else this.queue.push({ spec: { ...spec }, remaining: spec.times ?? 1 });
    }
  }

  /**
   * Takes the first queued fault that matches this call, if any, else a rate limit's throttle.
   * `user`: the access key the call was signed with, for limits per user.
   */
  take(service: string, action: string, user?: string): Fault | undefined {
    return this.takeQueued(service, action) ?? this.throttledByLimit(service, action, user);
  }

  private throttledByLimit(service: string, action: string, user?: string): Fault | undefined {
    for (const limit of this.limits.filter((l) => l.matches(service, action, user))) {
      const waitMs = limit.exceeded(service, action, this.now());
      if (waitMs !== undefined) {
        return { kind: "throttle", retryAfterMs: waitMs, delayMs: 0, after: false };
      }
    }
    return undefined;
  }

  private takeQueued(service: string, action: string): Fault | undefined {
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
      after: ANSWER_SHAPES.includes(queued.spec.kind) || (queued.spec.after ?? false),
    };
  }

  /** The faults not consumed yet, with their remaining counts. */
  pending(): FaultSpec[] {
    const queued = this.queue.map((q) => ({ ...q.spec, times: q.remaining }));
    return [...queued, ...this.limits.map((l) => ({ ...l.spec }))];
  }

  clear(): void {
    this.queue = [];
    this.limits = [];
  }
}
