/**
 * One dynamic-provider process serves every resource of a stack (pulumi-dynamic.md), so hundreds
 * of resources call the same cloud API at once. A token bucket per cloud, region and API keeps
 * the process under the cloud's limit instead of relying on throttling retries alone:
 * - Alibaba limits each API per account ("Request Rate: N/60 s" on each API page, alibaba.md §5)
 *   and publishes no number for the SSL APIs: the configured `dbssl:requestsPerSecond` applies.
 * - Tencent limits each API per region and sub-account, 20 per second for
 *   ModifyDBInstanceSSLConfig and DescribeDBInstanceSSLConfig (tencent-huawei.md §1.6).
 * - Huawei / Open Telekom Cloud publish no number (429 with Retry-After): configured.
 * A bucket never goes above the documented limit nor above the configured one.
 */
import type { Clock } from "./clock";

export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSecond: number,
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

/** The rate for one cloud: the documented limit, or the configured one when lower or alone. */
export function rateFor(cloud: string, configuredPerSecond: number): number {
  const documented = DOCUMENTED_RATE_LIMITS[cloud];
  return documented === undefined ? configuredPerSecond : Math.min(documented, configuredPerSecond);
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
    const rate =
      typeof key === "string" ? configuredPerSecond : rateFor(key.cloud, configuredPerSecond);
    bucket = new TokenBucket(rate, Math.max(1, Math.floor(rate)), clock);
    byKey.set(text, bucket);
  }
  return bucket;
}
