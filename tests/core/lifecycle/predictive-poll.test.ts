import * as assert from "assert";
import { FakeClock } from "../../fixtures/fake-clock";
import type { SettleObservation } from "../../../provider/core/driver";
import {
  ESTIMATE,
  progressRereadAfter,
  RemainingEstimate,
  remainingFromProgress,
} from "../../../provider/core/lifecycle/remaining-estimate";
import { landingMargin, waitForSslState } from "../../../provider/core/lifecycle/wait";
import {
  ESTIMATE_ERROR_MODES,
  reportedRemainingMs,
  type EstimateErrorMode,
} from "../../emulator/estimate-errors";

const PRIOR = 180_000; // the RDS prior
const MINUTE = 60_000;
/** RDS's fixed calls around the polls (3 reads before, the write, 2 more on the last poll). */
const RDS_FIXED_CALLS = 6;

interface Run {
  /** When the wait returned, ms after the write. */
  returnedMs: number;
  polls: number;
}

/** One RDS-like wait with the prior PRIOR, sent at `sentAt`, with a fresh estimate. */
function settleOptions(clock: FakeClock, sentAt: number) {
  return {
    subject: { family: "alicloud.rds", instanceId: "rm-1" },
    target: "SSL enabled",
    clock,
    deadline: sentAt + 120 * MINUTE,
    firstDelayMs: 1_000,
    maxDelayMs: 10 * MINUTE,
    expectedMs: PRIOR,
    progress: () => undefined,
    random: () => 0.5,
    sentAt,
    graceMs: 60_000,
    estimate: new RemainingEstimate(),
  };
}

/**
 * One wait for a change of `totalMs` whose polls report the estimate of `mode` (or none), the
 * schedule's floor and cap at the product's defaults (1 s, 10 min).
 */
async function waitFor(totalMs: number, mode: EstimateErrorMode | "no estimate"): Promise<Run> {
  const clock = new FakeClock();
  const sentAt = clock.now();
  let polls = 0;
  const observe = async (): Promise<SettleObservation> => {
    polls++;
    const elapsed = clock.now() - sentAt;
    if (elapsed >= totalMs) return { state: "Running", steady: true, targetShown: true };
    const remainingMs =
      mode === "no estimate" ? undefined : reportedRemainingMs(mode, elapsed, totalMs);
    return { state: "SSL_MODIFYING", steady: false, targetShown: false, remainingMs };
  };
  const verdict = await waitForSslState(settleOptions(clock, sentAt), observe);
  assert.strictEqual(verdict, "finished");
  return { returnedMs: clock.now() - sentAt, polls };
}

const DURATIONS = [20_000, MINUTE, 79_000, 200_000, 7 * MINUTE, 1_030_000, 30 * MINUTE];

describe("core/wait predictive polling: the cloud's estimate as a hint", () => {
  it("an exact estimate puts a poll just after the change's end: returns within the margin", async () => {
    let blindLate = 0;
    for (const total of [MINUTE, 7 * MINUTE, 11 * MINUTE, 17 * MINUTE, 25 * MINUTE]) {
      const run = await waitFor(total, "none");
      assert.ok(
        run.returnedMs >= total && run.returnedMs - total <= landingMargin(total),
        `${total} ms change returned at ${run.returnedMs}`,
      );
      blindLate += (await waitFor(total, "no estimate")).returnedMs - total;
    }
    // Without the estimate, the same changes far from the prior are seen by the sparse schedule
    // after the prior's window: minutes late in all.
    assert.ok(blindLate > 5 * MINUTE, `blind: ${blindLate} ms late in all`);
  });

  it("an estimate 2x too early or too late is corrected by its own trend (two samples apart)", async () => {
    for (const mode of ["tooEarly", "tooLate"] as const) {
      const run = await waitFor(30 * MINUTE, mode);
      const late = (run.returnedMs - 30 * MINUTE) / (30 * MINUTE);
      assert.ok(late <= 0.02, `${mode}: ${(late * 100).toFixed(1)} % late, ${run.polls} polls`);
    }
  });

  for (const mode of ESTIMATE_ERROR_MODES) {
    it(`estimate ${mode}: never done before the change, at most 7.5 % late, within the call budget`, async () => {
      for (const total of DURATIONS) {
        const run = await waitFor(total, mode);
        assert.ok(run.returnedMs >= total, `${mode} ${total}: returned at ${run.returnedMs}`);
        // The predicted end is the change's own prior: an estimate up to 2x wrong either way,
        // frozen near the end or jumping back once still puts the end in the dense window.
        const late = run.returnedMs - total;
        if (total >= MINUTE) assert.ok(late <= 0.075 * total + 1_000, `${mode} ${total}: ${late}`);
        if (total === 30 * MINUTE) assert.ok(run.polls + RDS_FIXED_CALLS <= 40, `${run.polls}`);
      }
    });
  }

  it("an estimate stuck at one second left costs two extra polls, then is ignored", async () => {
    const clock = new FakeClock();
    const estimate = new RemainingEstimate();
    const at = [1_000, 2_000, 3_000, 4_000, 5_000];
    for (const t of at) estimate.observe(t, 1_000);
    // Each poll came at the predicted end and found the change still running: two misses.
    assert.strictEqual(estimate.predictedEnd(), undefined);
    assert.strictEqual(estimate.trusted, false);
    const total = 30 * MINUTE;
    const stuck = await (async () => {
      let polls = 0;
      const sentAt = clock.now();
      await waitForSslState(settleOptions(clock, sentAt), async () => {
        polls++;
        const done = clock.now() - sentAt >= total;
        return done
          ? { state: "Running", steady: true, targetShown: true }
          : { state: "SSL_MODIFYING", steady: false, targetShown: false, remainingMs: 1_000 };
      });
      return polls;
    })();
    const blind = (await waitFor(total, "no estimate")).polls;
    assert.ok(stuck <= blind + 2, `${stuck} polls against ${blind} without an estimate`);
  });

  it("an estimate that costs a call is wanted only when it can move the next poll", () => {
    const estimate = new RemainingEstimate();
    assert.strictEqual(estimate.wantsSample(5_000), true, "none yet");
    estimate.observe(5_000, 175_000);
    // One sample puts the dense window around the end: no more calls until it passes.
    assert.strictEqual(estimate.wantsSample(20_000), false);
    assert.strictEqual(estimate.wantsSample(150_000), false);
    // At the predicted end with the change still running, the estimate was too early: ask again.
    assert.strictEqual(estimate.wantsSample(180_000), true);
    estimate.observe(180_000, 1_000);
    estimate.observe(181_000, 1_000);
    // Two predicted ends missed: the estimate is ignored, and so no longer worth a call.
    assert.strictEqual(estimate.trusted, false);
    assert.strictEqual(estimate.wantsSample(182_000), false);
  });

  it("a progress percentage extrapolates over the elapsed time; 0 and 100 say nothing", () => {
    assert.strictEqual(remainingFromProgress(25, 60_000), 180_000);
    // Below 5 % a whole percent is too coarse to extrapolate.
    assert.strictEqual(remainingFromProgress(4, 60_000), undefined);
    assert.strictEqual(remainingFromProgress(0, 60_000), undefined);
    assert.strictEqual(remainingFromProgress(100, 60_000), undefined);
    assert.strictEqual(remainingFromProgress(undefined, 60_000), undefined);
  });

  it("a progress that costs a call is read again as it grows: to 5 %, doubling, once near 90 %", () => {
    // 0 % after 10 s is under 1 %: 5 % no sooner than 50 s at that pace; 4 % is under 5 %.
    assert.strictEqual(progressRereadAfter(0, 10_000), 50_000);
    assert.strictEqual(progressRereadAfter(4, 40_000), 40_000);
    // Twice the elapsed time: about twice the percent, half the rounding.
    assert.strictEqual(progressRereadAfter(10, 100_000), 200_000);
    // Doubling would pass 90 %: read when it can be there (60 % is under 61 %).
    assert.strictEqual(progressRereadAfter(60, 600_000), (600_000 * 90) / 61);
    // Near the end a percent is about 1 % of the end it predicts: the waiter asks from here on.
    assert.strictEqual(progressRereadAfter(ESTIMATE.REFINE_AT_PCT - 5, 900_000), undefined);
    assert.strictEqual(progressRereadAfter(NaN, 900_000), undefined);
  });
});
