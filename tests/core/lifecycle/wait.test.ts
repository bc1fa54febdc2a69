import * as assert from "assert";
import { FakeClock } from "../../fixtures/fake-clock";
import { SslChangeFailedError, WaitTimeoutError } from "../../../provider/core/cloud/errors";
import {
  pollDelay,
  waitForSslState,
  type SettleOptions,
} from "../../../provider/core/lifecycle/wait";
import { applyChange } from "../../../provider/core/lifecycle/apply-change";
import type {
  BaseLiveSsl,
  BaseSslInputs,
  SettleObservation,
  SslDriver,
} from "../../../provider/core/driver";
import { settingsFrom } from "../../../provider/core/settings";
import {
  calculateDelay,
  DEFAULT_RETRY_POLICY,
  retryCall,
} from "../../../provider/core/cloud/retry";
import { CloudApiError } from "../../../provider/core/cloud/errors";

const subject = { family: "alicloud.rds", instanceId: "rm-1" };

type Obs = SettleObservation;
const running = (targetShown: boolean, extra: Partial<Obs> = {}): Obs => ({
  state: "Running",
  steady: true,
  targetShown,
  ...extra,
});
const modifying: Obs = { state: "SSL_MODIFYING", steady: false, targetShown: false };

function settleWith(observations: Obs[], extra: Partial<SettleOptions> = {}) {
  const clock = new FakeClock();
  const lines: string[] = [];
  let polls = 0;
  // The delays between polls (the schedule); the clock's sleeps may be split by the heartbeat.
  const delays: number[] = [];
  let lastPollAt = clock.now();
  const verdict = waitForSslState(
    {
      subject,
      target: "SSL enabled",
      clock,
      deadline: clock.now() + 3_600_000,
      firstDelayMs: 5000,
      maxDelayMs: 30000,
      progress: (l) => lines.push(l),
      random: () => 0.5,
      sentAt: clock.now(),
      graceMs: 60_000,
      ...extra,
    },
    async () => {
      delays.push(clock.now() - lastPollAt);
      lastPollAt = clock.now();
      return observations[Math.min(polls++, observations.length - 1)];
    },
  );
  return { clock, lines, verdict, polls: () => polls, delays };
}

describe("core/wait waitForSslState: the finished test with memory", () => {
  it("without a prior, doubles the elapsed time onto a minute, then 14 % of it, and reports progress", async () => {
    const s = settleWith([modifying, modifying, modifying, modifying, modifying, running(true)]);
    assert.strictEqual(await s.verdict, "finished");
    // The elapsed time less the jitter (random 0.5: 2.5 %), floored at 5 s, until the poll at
    // 60 s; then 14 % of the elapsed time, less the jitter.
    assert.deepStrictEqual(s.delays, [5000, 5000, 9750, 19_256, 20_994, 8190]);
    assert.deepStrictEqual(s.lines, [
      "alicloud.rds rm-1: SSL_MODIFYING, waiting for SSL enabled (5s)",
      // The heartbeat: a line at least every 30 s while the schedule's gaps grow.
      "alicloud.rds rm-1: SSL_MODIFYING at the last poll, waiting for SSL enabled (35s)",
      "alicloud.rds rm-1: SSL_MODIFYING at the last poll, waiting for SSL enabled (65s)",
      "alicloud.rds rm-1: SSL enabled after 68s",
    ]);
  });

  it("a flag that flips before the restart does not end the wait", async () => {
    // Poll 1: Running and the flag already shows the target (the lag); poll 2: the restart.
    const s = settleWith([running(true), modifying, running(true)]);
    assert.strictEqual(await s.verdict, "finished");
    assert.strictEqual(s.polls(), 3);
  });

  it("without any evidence, two agreeing polls, the second at the end of the grace period, end the wait", async () => {
    const s = settleWith([running(true)]);
    assert.strictEqual(await s.verdict, "finished");
    // Poll 1 at 5 s agrees but has no evidence: only the grace period can end the wait, so the
    // next poll comes when it ends (60 s), not every few seconds through it.
    assert.deepStrictEqual(s.delays, [5000, 55_000]);
    assert.strictEqual(s.polls(), 2);
  });

  it("waiting out the grace period still sees a restart that shows by its end", async () => {
    // The flag flipped early (poll 1); at the end of the grace the restart shows (poll 2): the wait
    // goes on until the instance is steady again, on the schedule.
    const s = settleWith([running(true), modifying, modifying, running(true)]);
    assert.strictEqual(await s.verdict, "finished");
    assert.deepStrictEqual(s.delays.slice(0, 2), [5000, 55_000]);
    assert.strictEqual(s.polls(), 4);
  });

  it("a poll short of the target ends the hold: the schedule decides again", async () => {
    const s = settleWith([running(true), running(false), running(false), modifying, running(true)]);
    assert.strictEqual(await s.verdict, "finished");
    assert.deepStrictEqual(s.delays.slice(0, 3), [5000, 55_000, 8190]);
  });

  it("notBefore: no poll before the change can be observed", async () => {
    const at = (ms: number) => Date.UTC(2026, 0, 1) + ms;
    const s = settleWith([running(true, { evidence: "task" })], { notBefore: () => at(10_000) });
    assert.strictEqual(await s.verdict, "finished");
    assert.deepStrictEqual(s.delays, [10_000]);
  });

  it("evidence reported by the driver (a new expiry) ends the wait at once", async () => {
    const s = settleWith([running(true, { evidence: "expiryChanged" })]);
    assert.strictEqual(await s.verdict, "finished");
    assert.strictEqual(s.polls(), 1);
  });

  it("a failure left over from an earlier change does not fail a new one", async () => {
    const stale = running(false, { failure: "LastModifyStatus=failed", failureMayBeStale: true });
    const s = settleWith([stale, modifying, running(true)]);
    assert.strictEqual(await s.verdict, "finished");
  });

  it("a failure after this change ran stops at once", async () => {
    const failed = running(false, { failure: "LastModifyStatus=failed", failureMayBeStale: true });
    const err = await settleWith([modifying, failed]).verdict.catch((e) => e);
    assert.ok(err instanceof SslChangeFailedError);
    assert.match(err.message, /LastModifyStatus=failed/);
  });

  it("after a lost answer, a write with no sign of having run is reported not-run after the grace", async () => {
    const s = settleWith([running(false)], { mayNotHaveRun: true });
    assert.strictEqual(await s.verdict, "not-run");
    assert.ok(s.clock.now() - Date.UTC(2026, 0, 1) >= 60_000);
  });

  it("a scheduled change ends the wait as scheduled", async () => {
    const s = settleWith([running(false, { scheduled: "maintenance window 02:00Z-03:00Z" })]);
    assert.strictEqual(await s.verdict, "scheduled");
  });

  it("times out with the last state and the target", async () => {
    const s = settleWith([modifying], { deadline: Date.UTC(2026, 0, 1) + 60_000 });
    const err = await s.verdict.catch((e) => e);
    assert.ok(err instanceof WaitTimeoutError);
    assert.strictEqual(err.lastState, "SSL_MODIFYING");
    assert.strictEqual(err.target, "SSL enabled");
    assert.strictEqual(err.elapsedMs, 60_000);
    assert.match(
      err.message,
      /^alicloud\.rds SSL \(rm-1\): timed out after 60s waiting for SSL enabled; last state: SSL_MODIFYING/,
    );
  });

  it("busy retries: jitter stays within ±20 % of the capped exponential", () => {
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

  it("resends a throttled call at once, past the attempt limit: the shared bucket spaces it", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const result = await retryCall(
      async () => {
        if (++calls < 12) throw apiError("throttled", 7000);
        return "ok";
      },
      { clock, readOnly: false },
    );
    assert.strictEqual(result, "ok");
    assert.strictEqual(calls, 12);
    assert.deepStrictEqual(clock.sleeps, [], "no backoff of its own: the bucket pauses instead");
  });

  it("gives up on a call throttled for longer than the throttle budget", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const err = await retryCall(
      async () => {
        calls++;
        await clock.sleep(1000); // the bucket's wait for a token
        throw apiError("throttled");
      },
      { clock, readOnly: true, policy: { ...DEFAULT_RETRY_POLICY, throttledBudgetMs: 10_000 } },
    ).catch((e) => e);
    assert.strictEqual(err.code, "Throttling.User");
    assert.strictEqual(calls, 11);
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
        policy: { ...DEFAULT_RETRY_POLICY, limit: 4, baseDelayMs: 10, maxDelayMs: 100 },
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

  it("notRun (the cloud's side failed, nothing ran): the write is sent 3 times, 10 s and 30 s apart, then final", async () => {
    const clock = new FakeClock();
    const started = clock.now();
    const sentAt: number[] = [];
    const notRun = new CloudApiError(subject, {
      action: "ModifyDBInstanceSSLConfig",
      code: "FailedOperation.FlowCreateError",
      requestId: "req-1",
      retryClass: "notRun",
      cloudMessage: "flow create failed",
    });
    const err = await retryCall(
      async () => {
        sentAt.push(clock.now() - started);
        throw notRun;
      },
      { clock, readOnly: false },
    ).then(
      () => assert.fail("expected a failure"),
      (e: CloudApiError) => e,
    );
    assert.deepStrictEqual(sentAt, [0, 10_000, 40_000]);
    assert.ok(err instanceof CloudApiError);
    assert.strictEqual(err.retryClass, "final");
    assert.strictEqual(err.code, "FailedOperation.FlowCreateError");
    assert.strictEqual(err.requestId, "req-1");
    assert.strictEqual(
      err.message,
      "alicloud.rds SSL (rm-1): ModifyDBInstanceSSLConfig failed: FailedOperation.FlowCreateError: " +
        "answered 3 times in a row over 40s: the operation failed on the cloud's side and nothing " +
        "was changed; try again later [RequestId: req-1]",
    );
  });
});

describe("core/apply-change: the read-back after a finished wait (issue 11)", () => {
  type Live = BaseLiveSsl;
  const inputs: BaseSslInputs = { instanceId: "rm-1", sslEnabled: true, onDelete: "disable" };

  /** A driver whose deciding poll reads `polled` whole; `reads` counts separate reads. */
  function scripted(polled: Live) {
    const counts = { reads: 0 };
    const driver = {
      family: "alicloud.rds",
      settleGraceMs: 60_000,
      actions: ["open", "close"],
      async read() {
        counts.reads++;
        return { ...polled };
      },
      plan: (i: BaseSslInputs, l: Live) =>
        i.sslEnabled === l.sslEnabled ? undefined : i.sslEnabled ? "open" : "close",
      send: async (_c: unknown, _i: unknown, action: string) => ({ action }),
      observe: async (): Promise<SettleObservation<Live>> => ({
        state: "Running",
        steady: true,
        targetShown: true,
        evidence: "task",
        live: polled,
      }),
    } as unknown as SslDriver<BaseSslInputs, Live>;
    return { driver, counts };
  }

  function change(driver: SslDriver<BaseSslInputs, Live>) {
    const clock = new FakeClock();
    const ctx = { settings: settingsFrom(undefined, {}), clock, progress: () => undefined };
    const live = { sslEnabled: false, status: "Running", steady: true };
    return applyChange(driver, {
      ctx,
      inputs,
      live,
      applied: {},
      rotate: false,
      deadline: clock.now() + 3_600_000,
    });
  }

  it("uses the live state the deciding poll read instead of reading again", async () => {
    const polled = { sslEnabled: true, status: "Running", steady: true };
    const { driver, counts } = scripted(polled);
    const result = await change(driver);
    assert.strictEqual(result.live, polled);
    assert.strictEqual(counts.reads, 0);
  });

  it("still checks that state against the declared one", async () => {
    const { driver } = scripted({ sslEnabled: false, status: "Running", steady: true });
    const err = await change(driver).catch((e) => e);
    assert.ok(err instanceof SslChangeFailedError);
    assert.match(err.message, /after open the SSL read still needs "open" \(sslEnabled=false\)/);
  });
});
