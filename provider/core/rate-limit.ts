/**
 * One dynamic-provider process serves every resource of a stack, so hundreds of resources
 * call the same cloud API at once. A token bucket per API keeps the process under the cloud's
 * per-account rate limit (Alibaba shows "Request Rate: N/60 s" per API) instead of relying on
 * throttling retries alone.
 */
import type { Clock } from "./clock";

export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Resolves when a request may be sent; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(
        this.burst,
        this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
      );
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    }
  }
}

const buckets = new Map<string, TokenBucket>();

/** The process-wide bucket for one API (e.g. `alicloud.rds`). */
export function rateLimiterFor(api: string, clock: Clock, ratePerSecond: number): TokenBucket {
  let bucket = buckets.get(api);
  if (!bucket) {
    bucket = new TokenBucket(ratePerSecond, Math.max(1, Math.ceil(ratePerSecond)), clock);
    buckets.set(api, bucket);
  }
  return bucket;
}
