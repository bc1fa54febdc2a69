/**
 * One dynamic-provider process serves every resource of a stack (pulumi-dynamic.md), so hundreds
 * of resources call the same cloud API at once. A token bucket per cloud, region and API keeps
 * the process under the cloud's limit instead of relying on throttling retries alone:
 * - Alibaba limits each API per account ("Request Rate: N/60 s" on each API page, alibaba.md §5)
 *   and publishes no number for the SSL APIs: the configured `dbssl:requestsPerSecond` applies.
 * - Tencent limits each API per region and sub-account, 20 per second for
 *   ModifyDBInstanceSSLConfig and DescribeDBInstanceSSLConfig (tencent-huawei.md §1.6).
 * - Huawei limits each API to 60 calls a minute per user (rds_00_0002, provider/rdsv3/clouds.ts):
 *   a window (`DOCUMENTED_WINDOWS`): 60 may go at once, then none until the first of them is a
 *   minute old (and a margin), so no minute ever holds more than 60, however the cloud counts it.
 * - Open Telekom Cloud publishes no number (429 with Retry-After): configured.
 * A bucket never goes above the documented limit nor above the configured one: that is its
 * ceiling. The real limit may be lower (another tool on the same account, a smaller quota), so
 * the rate adapts (issue 17 item 7), as TCP does: a throttled answer halves the bucket's rate for
 * every resource of the process (multiplicative decrease), and each second without one gives back
 * a small share of the ceiling (additive increase), never above the ceiling nor below a floor.
 *
 * Waiting calls are served earliest deadline first (issue 18 item 3), not in arrival order: with
 * hundreds of resources queued on one API, a poll's later calls and a throttled resend are
 * already late, and first-in-first-out would put them behind every call that came since. A call
 * is due when its poll was scheduled (poll-due.ts), anything else (a write, the reads before it)
 * at its arrival; no call is due after it arrives, so a write waits only for calls that were due
 * before it arrived, a finite set: it is never starved.
 */
import { Heap } from "heap-js";
import type { Clock } from "../clock";

/** Multiplicative decrease: a throttled answer multiplies the bucket's rate by this. */
export const THROTTLE_DECREASE_FACTOR = 0.5;
/** Additive increase: each second without a throttle gives back this share of the ceiling. */
export const RECOVERY_SHARE_PER_SECOND = 0.02;
/**
 * The lowest rate a bucket adapts down to (one call each 5 s): low enough for any limit we know
 * of (Alibaba's smallest published rates are a few per minute per API), high enough that a burst
 * of throttles from one episode cannot starve the stack.
 */
export const FLOOR_PER_SECOND = 0.2;
/** The longest pause a cloud's retry-after may put on the whole bucket. */
export const MAX_THROTTLE_PAUSE_MS = 60_000;

/** A limit published as a count per window ("60 calls per minute"), not per second. */
export interface RateWindow {
  calls: number;
  windowMs: number;
}

/**
 * How much longer than the window a call waits for the oldest in it to leave: two calls sent a
 * window apart may arrive less than a window apart, since their latencies differ.
 */
export const WINDOW_MARGIN_SHARE = 0.02;

/**
 * A ticket names the bucket's adaptation round a token was handed out in. Every call already in
 * flight when the cloud starts throttling sees the same overload, so only a throttle on a call
 * sent since the last decrease lowers the rate again (TCP decreases once per round trip).
 */
export type BucketTicket = number;

interface Waiter {
  dueAt: number;
  /** Arrival order: calls due at the same time are served first come, first served. */
  seq: number;
  resolve: (ticket: BucketTicket) => void;
  reject: (error: unknown) => void;
}

const earliestDue = (a: Waiter, b: Waiter) => a.dueAt - b.dueAt || a.seq - b.seq;

export class TokenBucket {
  readonly floorPerSecond: number;
  private rate: number;
  private tokens: number;
  /** Tokens have been counted up to this time; after a throttle it lies ahead (the pause). */
  private last: number;
  private round = 0;
  private readonly waiting = new Heap<Waiter>(earliestDue);
  private arrivals = 0;
  private serving = false;

  /** With a window: when the calls still in it were handed their tokens, oldest first. */
  private readonly sent: number[] = [];

  constructor(
    /** The configured (or documented) rate: the bucket never goes above it. */
    readonly ceilingPerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
    /** A published window: its calls may go at once (the burst), never more in any window. */
    private readonly window?: RateWindow,
  ) {
    this.floorPerSecond = Math.min(ceilingPerSecond, FLOOR_PER_SECOND);
    this.rate = ceilingPerSecond;
    this.tokens = burst;
    this.last = clock.now();
  }

  /** The rate the bucket hands out tokens at now, requests per second. */
  get ratePerSecond(): number {
    this.refill(this.clock.now());
    return this.rate;
  }

  /**
   * Resolves when a request may be sent. Waiting callers are served earliest `dueAt` first (epoch
   * ms on the clock; default and at the latest: now, the arrival), then in arrival order.
   */
  take(dueAt?: number): Promise<BucketTicket> {
    const now = this.clock.now();
    return new Promise<BucketTicket>((resolve, reject) => {
      const due = Math.min(dueAt ?? now, now);
      this.waiting.push({ dueAt: due, seq: this.arrivals++, resolve, reject });
      if (!this.serving) void this.serve();
    });
  }

  /**
   * The cloud throttled a call sent with `ticket`: lower the rate for everyone (once per round),
   * hand out no token before the cloud's retry-after, and start the recovery from here.
   */
  throttled(ticket: BucketTicket, retryAfterMs = 0): void {
    const now = this.clock.now();
    this.refill(now);
    const pauseUntil = now + Math.min(Math.max(0, retryAfterMs), MAX_THROTTLE_PAUSE_MS);
    this.last = Math.max(this.last, pauseUntil);
    if (ticket < this.round) return;
    this.round++;
    this.rate = Math.max(this.floorPerSecond, this.rate * THROTTLE_DECREASE_FACTOR);
    this.tokens = 0;
  }

  /**
   * Hands out tokens while calls wait. The waiter is chosen when the token is there, not when the
   * wait for it began, so a call that arrived meanwhile with an earlier due time goes first.
   */
  private async serve(): Promise<void> {
    this.serving = true;
    try {
      while (this.waiting.size() > 0) {
        await this.untilToken();
        const next = this.waiting.pop()!;
        this.tokens -= 1;
        if (this.window) this.sent.push(this.clock.now());
        next.resolve(this.round);
      }
    } catch (error) {
      for (const waiter of this.waiting.toArray()) waiter.reject(error);
      this.waiting.clear();
    } finally {
      this.serving = false;
    }
  }

  private async untilToken(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.refill(now);
      const untilWindow = this.untilWindowAllows(now);
      if (this.tokens >= 1 && now >= this.last && untilWindow === 0) return;
      const untilToken = Math.ceil(((1 - Math.min(1, this.tokens)) / this.rate) * 1000);
      await this.clock.sleep(Math.max(0, this.last - now) + Math.max(1, untilToken, untilWindow));
    }
  }

  /** Ms until the window has room for one more call (0: now, or no window). */
  private untilWindowAllows(now: number): number {
    if (!this.window) return 0;
    const span = this.window.windowMs * (1 + WINDOW_MARGIN_SHARE);
    while (this.sent.length > 0 && this.sent[0] <= now - span) this.sent.shift();
    if (this.sent.length < this.window.calls) return 0;
    return Math.ceil(this.sent[this.sent.length - this.window.calls] + span - now);
  }

  /** Counts the tokens and the recovery earned since `last` (none while paused). */
  private refill(now: number): void {
    if (now <= this.last) return;
    const seconds = (now - this.last) / 1000;
    this.last = now;
    // A window's burst is its count; a bucket's is one second's worth at most.
    const burst = this.window
      ? this.burst
      : Math.max(1, Math.min(this.burst, Math.floor(this.rate)));
    this.tokens = Math.min(burst, this.tokens + seconds * this.rate);
    const recovered = seconds * this.ceilingPerSecond * RECOVERY_SHARE_PER_SECOND;
    this.rate = Math.min(this.ceilingPerSecond, this.rate + recovered);
  }
}

/** What one limit covers: the clouds limit each API (action) per account and region. */
export interface RateLimitKey {
  /** The config namespace of the cloud: `alicloud`, `tencentcloud`, `huaweicloud`, ... */
  cloud: string;
  region: string;
  /** The API, as the cloud counts it: the action (`DescribeDBInstanceSSL`). */
  api: string;
}

/** Published per-API limits, requests per second, by cloud (see the file comment). */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = {
  tencentcloud: 20,
};

/** Published limits counted per window, by cloud: their rate is the count over the window. */
export const DOCUMENTED_WINDOWS: Readonly<Record<string, RateWindow>> = {
  // "60 calls per minute for a single user" on each API (support.huaweicloud.com rds_00_0002).
  huaweicloud: { calls: 60, windowMs: 60_000 },
};

/** The rate for one cloud: the documented limit, or the configured one when lower or alone. */
export function rateFor(cloud: string, configuredPerSecond: number): number {
  const documented = documentedRate(cloud);
  return documented === undefined ? configuredPerSecond : Math.min(documented, configuredPerSecond);
}

/** A cloud's published limit in calls per second, whether published per second or per window. */
function documentedRate(cloud: string): number | undefined {
  const window = DOCUMENTED_WINDOWS[cloud];
  return window ? (window.calls * 1000) / window.windowMs : DOCUMENTED_RATE_LIMITS[cloud];
}

/** Buckets per clock (a test may replace the process clock), then per key. */
const buckets = new WeakMap<Clock, Map<string, TokenBucket>>();

function keyText(key: string | RateLimitKey): string {
  return typeof key === "string" ? key : `${key.cloud}/${key.region}/${key.api}`;
}

/**
 * The process-wide bucket for one cloud, region and API. A plain string key (e.g. the family)
 * is one bucket for everything under it.
 */
export function rateLimiterFor(
  key: string | RateLimitKey,
  clock: Clock,
  configuredPerSecond: number,
): TokenBucket {
  let byKey = buckets.get(clock);
  if (!byKey) buckets.set(clock, (byKey = new Map()));
  const text = keyText(key);
  let bucket = byKey.get(text);
  if (!bucket) {
    bucket = newBucket(key, clock, configuredPerSecond);
    byKey.set(text, bucket);
  }
  return bucket;
}

/** A cloud's published window applies unless the configured rate is lower than its rate. */
function newBucket(key: string | RateLimitKey, clock: Clock, configured: number): TokenBucket {
  if (typeof key === "string") {
    return new TokenBucket(configured, Math.max(1, Math.floor(configured)), clock);
  }
  const rate = rateFor(key.cloud, configured);
  const window = DOCUMENTED_WINDOWS[key.cloud];
  return window && rate === documentedRate(key.cloud)
    ? new TokenBucket(rate, window.calls, clock, window)
    : new TokenBucket(rate, Math.max(1, Math.floor(rate)), clock);
}
