/**
 * The process-wide limiter (provider/core/cloud/rate-limit.ts) on the fake clock: the bucket spaces
 * calls at its rate, one bucket per cloud, region and API, and the rate adapts to throttling
 * (issue 17 item 7): down by half on a throttled answer, back up slowly, never above the
 * configured ceiling nor below the floor.
 */
import * as assert from "assert";
import { FakeClock } from "../../fixtures/fake-clock";
import {
  FLOOR_PER_SECOND,
  RECOVERY_SHARE_PER_SECOND,
  rateFor,
  rateLimiterFor,
  TokenBucket,
  WINDOW_MARGIN_SHARE,
} from "../../../provider/core/cloud/rate-limit";
import { EventClock } from "../../fixtures/event-clock";

describe("core/rate-limit TokenBucket", () => {
  it("lets a burst through, then spaces requests at the rate", async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(2, 2, clock);
    const start = clock.now();
    const at: number[] = [];
    for (let i = 0; i < 6; i++) {
      await bucket.take();
      at.push(clock.now() - start);
    }
    assert.deepStrictEqual(at, [0, 0, 500, 1000, 1500, 2000]);
  });

  it("holds a published window: its count at once, then none until the first is a window old", async () => {
    // Huawei: 60 calls a minute per user on each API (rds_00_0002).
    const clock = new FakeClock();
    const bucket = rateLimiterFor({ cloud: "huaweicloud", region: "r", api: "Tag" }, clock, 10);
    const start = clock.now();
    const at: number[] = [];
    for (let i = 0; i < 130; i++) {
      await bucket.take();
      at.push(clock.now() - start);
    }
    const span = 60_000 * (1 + WINDOW_MARGIN_SHARE);
    assert.deepStrictEqual(
      [at[0], at[59], at[60], at[119], at[120], at[129]],
      [0, 0, span, span, 2 * span, 2 * span],
    );
    for (let i = 60; i < at.length; i++) assert.ok(at[i] - at[i - 60] >= 60_000, `call ${i + 1}`);
  });
});

describe("core/rate-limit rateLimiterFor: one bucket per cloud, region and API in the process", () => {
  const key = (api: string, region = "cn-hangzhou") => ({ cloud: "alicloud", region, api });

  it("resources calling one API share its bucket; other APIs and regions have their own", async () => {
    // Three buckets serve at once: a clock where concurrent sleeps overlap (FakeClock adds them).
    const clock = new EventClock();
    const start = clock.now();
    const sent: string[] = [];
    // 25 resources read the same API at once, and one reads another API, one another region.
    const takes = Array.from({ length: 25 }, () =>
      rateLimiterFor(key("DescribeDBInstanceSSL"), clock, 10)
        .take()
        .then(() => sent.push(`ssl@${clock.now() - start}`)),
    );
    takes.push(
      rateLimiterFor(key("DescribeDBInstanceAttribute"), clock, 10)
        .take()
        .then(() => sent.push("attr")),
    );
    takes.push(
      rateLimiterFor(key("DescribeDBInstanceSSL", "cn-beijing"), clock, 10)
        .take()
        .then(() => sent.push("beijing")),
    );
    await clock.run(Promise.all(takes));
    // 10 at once (the burst), then 10 per second: the 25th waits 1.5 s. The others never wait.
    assert.strictEqual(sent.filter((s) => s === "ssl@0").length, 10);
    assert.strictEqual(sent.filter((s) => s.startsWith("ssl")).pop(), "ssl@1500");
    assert.ok(sent.indexOf("attr") < 11 && sent.indexOf("beijing") < 12, sent.join(" "));
  });

  it("never goes above a cloud's documented limit nor above the configured one", () => {
    assert.strictEqual(rateFor("tencentcloud", 50), 20); // 20/s per API (tencent-huawei.md §1.6)
    assert.strictEqual(rateFor("tencentcloud", 5), 5);
    assert.strictEqual(rateFor("alicloud", 50), 50); // no published number: configured
    // 60 a minute per user on each API (rds_00_0002): one a second, whatever is configured above.
    assert.strictEqual(rateFor("huaweicloud", 10), 1);
    assert.strictEqual(rateFor("opentelekomcloud", 10), 10); // no published number: configured
    const clock = new FakeClock();
    const bucket = rateLimiterFor(
      { cloud: "tencentcloud", region: "ap-guangzhou", api: "X" },
      clock,
      50,
    );
    assert.strictEqual(bucket.ratePerSecond, 20);
  });
});

describe("core/rate-limit TokenBucket adapts to throttling", () => {
  /** A bucket at 10/s (the default `dbssl:requestsPerSecond`) and its clock. */
  function bucketAt10() {
    const clock = new FakeClock();
    return { clock, bucket: new TokenBucket(10, 10, clock) };
  }

  it("halves the rate on a throttled answer, once per round of calls already in flight", async () => {
    const { bucket } = bucketAt10();
    const tickets = await Promise.all(Array.from({ length: 10 }, () => bucket.take()));
    // The whole burst is throttled: one overload, one decrease.
    for (const ticket of tickets) bucket.throttled(ticket);
    assert.strictEqual(bucket.ratePerSecond, 5);
    // A call sent after the decrease and throttled again lowers it again.
    bucket.throttled(await bucket.take());
    assert.ok(Math.abs(bucket.ratePerSecond - 2.5) < 0.05, String(bucket.ratePerSecond));
  });

  it("a lowered rate spaces every caller of the bucket, and a retry-after pauses them all", async () => {
    const { clock, bucket } = bucketAt10();
    const start = clock.now();
    bucket.throttled(await bucket.take(), 3000);
    const at: number[] = [];
    for (let i = 0; i < 3; i++) {
      await bucket.take();
      at.push(clock.now() - start);
    }
    // Nothing before the retry-after (3 s), then about one call per 1/5 s (rate 5/s, recovering).
    assert.ok(at[0] >= 3000 && at[0] <= 3250, at.join(" "));
    assert.ok(at[2] - at[1] >= 180 && at[2] - at[1] <= 200, at.join(" "));
  });

  it("recovers slowly: a share of the ceiling per second without a throttle, up to the ceiling", async () => {
    const { clock, bucket } = bucketAt10();
    bucket.throttled(await bucket.take());
    assert.strictEqual(bucket.ratePerSecond, 5);
    await clock.sleep(1000);
    const perSecond = 10 * RECOVERY_SHARE_PER_SECOND;
    assert.ok(
      Math.abs(bucket.ratePerSecond - (5 + perSecond)) < 1e-9,
      String(bucket.ratePerSecond),
    );
    await clock.sleep(10_000);
    assert.ok(bucket.ratePerSecond < 10, "still below the ceiling after 11 s");
    await clock.sleep(3_600_000);
    assert.strictEqual(bucket.ratePerSecond, 10, "never above the configured rate");
  });

  it("never goes below the floor, however many throttles", async () => {
    // A ceiling of 1/s, so that the recovery between two throttles stays small.
    const bucket = new TokenBucket(1, 1, new FakeClock());
    const rates: number[] = [];
    for (let i = 0; i < 20; i++) {
      bucket.throttled(await bucket.take());
      rates.push(bucket.ratePerSecond);
    }
    assert.ok(Math.min(...rates) >= FLOOR_PER_SECOND, rates.join(" "));
    assert.strictEqual(rates.pop(), FLOOR_PER_SECOND);
    // A ceiling below the floor is kept as it is.
    const slow = new TokenBucket(0.1, 1, new FakeClock());
    slow.throttled(await slow.take());
    assert.strictEqual(slow.ratePerSecond, 0.1);
  });

  it("one throttle slows every resource of the process that calls that API, and only that API", async () => {
    const clock = new FakeClock();
    const key = (api: string) => ({ cloud: "alicloud", region: "cn-shanghai", api });
    const ssl = rateLimiterFor(key("ThrottledApi"), clock, 10);
    ssl.throttled(await ssl.take());
    assert.strictEqual(rateLimiterFor(key("ThrottledApi"), clock, 10).ratePerSecond, 5);
    assert.strictEqual(rateLimiterFor(key("OtherApi"), clock, 10).ratePerSecond, 10);
  });
});
