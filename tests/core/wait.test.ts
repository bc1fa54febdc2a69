import * as assert from "assert";
import { FakeClock } from "../../provider/core/clock";
import { SslChangeFailedError, WaitTimeoutError } from "../../provider/core/errors";
import { pollDelay, waitForSettled } from "../../provider/core/wait";
import { calculateDelay, retryCall } from "../../provider/core/retry";
import { CloudApiError } from "../../provider/core/errors";
import { TokenBucket } from "../../provider/core/rate-limit";

const subject = { family: "alicloud.rds", instanceId: "rm-1" };

describe("core/wait waitForSettled", () => {
  it("backs off from the first delay to the cap and reports progress", async () => {
    const clock = new FakeClock();
    const lines: string[] = [];
    let polls = 0;
    const last = await waitForSettled({
      subject,
      target: "SSL enabled",
      clock,
      timeoutMs: 3_600_000,
      firstDelayMs: 5000,
      maxDelayMs: 30000,
      progress: (l) => lines.push(l),
      random: () => 0.5,
      observe: async () => ({ state: ++polls < 6 ? "SSL_MODIFYING" : "Running", done: polls >= 6 }),
    });
    assert.strictEqual(last.state, "Running");
    assert.deepStrictEqual(clock.sleeps, [5000, 10000, 20000, 30000, 30000, 30000]);
    assert.deepStrictEqual(lines, [
      "alicloud.rds rm-1: SSL_MODIFYING, waiting for SSL enabled (5s)",
      "alicloud.rds rm-1: SSL enabled after 2m05s",
    ]);
  });

  it("times out with the last state and the target", async () => {
    const clock = new FakeClock();
    const err = await waitForSettled({
      subject,
      target: "SSL enabled",
      clock,
      timeoutMs: 60_000,
      firstDelayMs: 5000,
      maxDelayMs: 30000,
      progress: () => undefined,
      random: () => 0.5,
      observe: async () => ({ state: "SSL_MODIFYING", done: false }),
    }).then(
      () => assert.fail("no timeout"),
      (e) => e,
    );
    assert.ok(err instanceof WaitTimeoutError);
    assert.strictEqual(err.lastState, "SSL_MODIFYING");
    assert.strictEqual(err.target, "SSL enabled");
    assert.strictEqual(err.elapsedMs, 60_000);
    assert.match(
      err.message,
      /^alicloud\.rds SSL \(rm-1\): timed out after 60s waiting for SSL enabled; last state: SSL_MODIFYING/,
    );
  });

  it("stops at once when the cloud reports a failure", async () => {
    const err = await waitForSettled({
      subject,
      target: "SSL enabled",
      clock: new FakeClock(),
      timeoutMs: 60_000,
      firstDelayMs: 1000,
      maxDelayMs: 1000,
      progress: () => undefined,
      observe: async () => ({ state: "Running", done: false, failure: "LastModifyStatus=failed" }),
    }).then(
      () => assert.fail("no failure"),
      (e) => e,
    );
    assert.ok(err instanceof SslChangeFailedError);
  });

  it("jitter stays within ±20 % of the capped exponential", () => {
    assert.strictEqual(
      pollDelay(1, 1000, 8000, () => 0),
      800,
    );
    assert.strictEqual(
      pollDelay(10, 1000, 8000, () => 1),
      9600,
    );
  });
});

describe("core/retry retryCall", () => {
  const apiError = (retryClass: "throttled" | "unavailable", retryAfterMs?: number) =>
    new CloudApiError(subject, {
      action: "DescribeDBInstanceSSL",
      code: retryClass === "throttled" ? "Throttling.User" : "ServiceUnavailable",
      retryClass,
      retryAfterMs,
      cloudMessage: "x",
    });

  it("honours the cloud's retry-after", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const result = await retryCall(
      async () => {
        if (++calls < 3) throw apiError("throttled", 7000);
        return "ok";
      },
      { clock, readOnly: false },
    );
    assert.strictEqual(result, "ok");
    assert.deepStrictEqual(clock.sleeps, [7000, 7000]);
  });

  it("never resends a write after an answer that may have been lost", async () => {
    let calls = 0;
    const err = await retryCall(
      async () => {
        calls++;
        throw apiError("unavailable");
      },
      { clock: new FakeClock(), readOnly: false },
    ).catch((e) => e);
    assert.strictEqual(calls, 1);
    assert.strictEqual(err.code, "ServiceUnavailable");
  });

  it("resends reads after 5xx up to the limit", async () => {
    let calls = 0;
    await retryCall(
      async () => {
        calls++;
        throw apiError("unavailable");
      },
      {
        clock: new FakeClock(),
        readOnly: true,
        policy: { limit: 4, baseDelayMs: 10, maxDelayMs: 100 },
      },
    ).catch(() => undefined);
    assert.strictEqual(calls, 4);
  });

  it("calculateDelay grows exponentially and is capped", () => {
    const policy = { limit: 10, baseDelayMs: 500, maxDelayMs: 20_000 };
    assert.strictEqual(
      calculateDelay(1, policy, 0, () => 1),
      500,
    );
    assert.strictEqual(
      calculateDelay(4, policy, 0, () => 1),
      4000,
    );
    assert.strictEqual(
      calculateDelay(12, policy, 0, () => 1),
      20_000,
    );
  });
});

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
});
