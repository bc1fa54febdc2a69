/**
 * What the cloud says of a change's remaining time, turned into a predicted end the waiter may
 * poll at (issue 18 item 1). The clouds' figures are hints, not promises: Alibaba's `RemainTime`
 * is "the estimated amount of time remaining to complete the task", in seconds (SDK model
 * `DescribeHistoryTasksResponseBodyItems`, @alicloud/rds20140815 15.4.0), Tencent's DescribeTasks
 * `Progress` a whole percent 0-100 (tencent-huawei.md §1.1), Huawei's job `process` a percent as
 * a string, "" when not running (tencent-huawei.md §2.3). None says how it is computed. So:
 * - two samples far enough apart give the rate at which the estimate really runs down, which
 *   corrects an estimate that is consistently too early or too late (the end is where the
 *   estimate's own trend reaches zero);
 * - one sample is scaled by how wrong this family's estimates have been in this process
 *   (`learned-durations.ts`);
 * - an estimate that stopped moving (frozen), jumped back too often, or whose predicted end
 *   passed twice without the change done is ignored for the rest of the wait.
 * A prediction never ends a wait: the verdict still comes from the poll's evidence (wait.ts).
 */

/** One estimate: at `atMs` (time since the change began), `remainingMs` left. */
export interface EstimateSample {
  atMs: number;
  remainingMs: number;
}

/** The tuning (docs/BENCHMARKS.md "Predictive polling" derives it). */
export const ESTIMATE = {
  /**
   * The shortest span between two samples used for a rate: the clouds report whole seconds
   * (`RemainTime`) or whole percents, so a shorter span measures mostly rounding.
   */
  MIN_SPAN_MS: 10_000,
  /**
   * ... and at least this share of the last estimate: early samples of a progress figure are
   * coarse (2 % read as 2 could be 2.9 %: a third more time left), so the trend is taken over a
   * span comparable to what remains.
   */
  MIN_SPAN_SHARE: 0.5,
  /** A rate below this (the estimate moves at under a fifth of real time) is frozen. */
  MIN_RATE: 0.2,
  /** The trend replaces the latest figure when their remaining times differ by more than this. */
  TREND_OVERRIDES: 0.25,
  /** An estimate higher than the last by more than this and `JUMP_SHARE` of it jumped back. */
  JUMP_SLACK_MS: 2_000,
  JUMP_SHARE: 0.15,
  /**
   * Below this percentage a progress figure says too little to extrapolate: a whole percent
   * is a fifth of the fraction done or more, and the extrapolation multiplies it by the time.
   */
  MIN_PROGRESS_PCT: 5,
  /** The last progress worth a read of its own: a percent is about 1 % of the end it predicts. */
  REFINE_AT_PCT: 90,
  /** Predicted ends that passed without the change done before the estimate is ignored. */
  MAX_MISSES: 2,
  /** Jumps back before the estimate is ignored. */
  MAX_JUMPS: 2,
  /** A poll this close before a predicted end counts as at it (rounding of the clouds' figures). */
  MISS_TOLERANCE_MS: 500,
  /** A predicted end's poll comes this much after it, or this share of it if more (wait.ts). */
  LANDING_MARGIN_MS: 1_000,
  LANDING_MARGIN_SHARE: 0.005,
} as const;

/** The remaining time a progress percentage implies after `elapsedMs` (linear extrapolation). */
export function remainingFromProgress(
  progressPct: number | undefined,
  elapsedMs: number,
): number | undefined {
  if (progressPct === undefined || !Number.isFinite(progressPct)) return undefined;
  if (progressPct < ESTIMATE.MIN_PROGRESS_PCT || progressPct >= 100) return undefined;
  if (!(elapsedMs > 0)) return undefined;
  // A reported 37 % is 37.0-37.99 % done: reading it as 37 gives the longest remaining time of
  // that range, so the predicted end is never before the one the cloud's figure implies.
  return (elapsedMs * (100 - progressPct)) / progressPct;
}

/**
 * How long into the change a progress figure read `elapsedMs` into it is worth reading again, for
 * a family whose estimate costs a call of its own; undefined: only when the waiter asks
 * (`wantsSample`). A whole percent p is p to p+1 % done, so the end it predicts is uncertain by
 * about 1/p of it: below `MIN_PROGRESS_PCT` it predicts nothing, and is read again when it can
 * have reached it at the pace it shows; then when the elapsed time has doubled (about twice the
 * percent, half the uncertainty), or sooner when that would pass `REFINE_AT_PCT` (one read
 * near the end, where a percent is about 1 % of the end it predicts). A handful of reads a change.
 */
export function progressRereadAfter(progressPct: number, elapsedMs: number): number | undefined {
  const { MIN_PROGRESS_PCT, REFINE_AT_PCT } = ESTIMATE;
  // From 85 % the read at 90 % would come within a twentieth of the elapsed time: the next poll.
  if (!Number.isFinite(progressPct) || progressPct >= REFINE_AT_PCT - 5) return undefined;
  const reachesMs = (pct: number) => (elapsedMs * pct) / (Math.max(0, progressPct) + 1);
  if (progressPct < MIN_PROGRESS_PCT) return reachesMs(MIN_PROGRESS_PCT);
  return Math.min(2 * elapsedMs, reachesMs(REFINE_AT_PCT));
}

/**
 * A progress percentage read `now`, extrapolated over the time since the write was answered
 * (`SentAction.answeredAt`); undefined without either.
 */
export function remainingFromProgressSince(
  progressPct: number | undefined,
  sent: { answeredAt?: number },
  now: number,
): number | undefined {
  if (sent.answeredAt === undefined) return undefined;
  return remainingFromProgress(progressPct, now - sent.answeredAt);
}

/** The estimates of one wait and the end they predict. */
export class RemainingEstimate {
  private samples: EstimateSample[] = [];
  private misses = 0;
  private missedEnd?: number;
  private jumps = 0;
  /** The first sample of the wait, for the family's correction once the change is done. */
  first?: EstimateSample;
  /** The last poll that saw the change not done (ms since it began), estimate or not. */
  lastRunningAtMs?: number;
  /**
   * The last end this wait's estimate predicted while believed: once the estimate is dropped,
   * the waiter's prior (wait.ts), since it was this change's own and a family's is not.
   */
  lastPredictedEnd?: number;

  /** `correction`: how much longer than estimated this family's changes have taken (1: exact). */
  constructor(private readonly correction = 1) {}

  /** Records one poll's estimate (undefined: the cloud gave none this time). */
  observe(atMs: number, remainingMs: number | undefined): void {
    this.lastRunningAtMs = atMs;
    const predicted = this.predictedEnd();
    if (predicted !== undefined && atMs >= predicted - ESTIMATE.MISS_TOLERANCE_MS) {
      // One miss per predicted end: a poll after a stale end the cloud has not revised since
      // says nothing new about the estimate.
      const same =
        Math.abs(predicted - (this.missedEnd ?? -Infinity)) <= ESTIMATE.MISS_TOLERANCE_MS;
      if (!same) this.misses++;
      this.missedEnd = predicted;
    }
    if (remainingMs === undefined || !(remainingMs >= 0) || !Number.isFinite(remainingMs)) return;
    const last = this.samples[this.samples.length - 1];
    if (last && this.jumpedBack(last, atMs, remainingMs)) {
      this.jumps++;
      this.samples = [];
    }
    const sample = { atMs, remainingMs };
    this.first ??= sample;
    this.samples.push(sample);
    this.lastPredictedEnd = this.predictedEnd() ?? this.lastPredictedEnd;
  }

  /**
   * Whether the estimate went up against the last one: more than rounding (the slack) above
   * what it would read had it run down at half of real time since.
   */
  private jumpedBack(last: EstimateSample, atMs: number, remainingMs: number): boolean {
    const expected = last.remainingMs - (atMs - last.atMs) / 2;
    const slack = ESTIMATE.JUMP_SLACK_MS + ESTIMATE.JUMP_SHARE * last.remainingMs;
    return remainingMs > expected + slack;
  }

  /**
   * Whether a fresh estimate at `atMs` could move the next poll, for a family whose estimate costs
   * a call (`PollWants`): there is none yet, or the predicted end has passed with the change
   * still running (the estimate was too early). One sample already puts the poll schedule's dense
   * window around an end up to 2x wrong either way (wait.ts), and the family's correction
   * (learned-durations.ts) handles a consistent error; a trend sample would buy a few percent of
   * one change's duration for a call of every change, calls a fleet queues for (issue 18).
   */
  wantsSample(atMs: number): boolean {
    if (!this.trusted) return false;
    if (this.samples.length === 0) return true;
    const predicted = this.predictedEnd();
    return predicted !== undefined && atMs >= predicted - ESTIMATE.MISS_TOLERANCE_MS;
  }

  /** Whether the estimate is still believed (not frozen, not proven wrong too often). */
  get trusted(): boolean {
    return this.misses < ESTIMATE.MAX_MISSES && this.jumps < ESTIMATE.MAX_JUMPS;
  }

  /** The predicted end (ms since the change began), or undefined when there is none to believe. */
  predictedEnd(): number | undefined {
    if (!this.trusted || this.samples.length === 0) return undefined;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const span = last.atMs - first.atMs;
    const latest = last.atMs + last.remainingMs * this.correction;
    const minSpan = Math.max(ESTIMATE.MIN_SPAN_MS, ESTIMATE.MIN_SPAN_SHARE * last.remainingMs);
    if (span < minSpan) return latest;
    // The estimate's own trend: where it reaches zero at the rate it has been running down.
    const rate = (first.remainingMs - last.remainingMs) / span;
    if (rate < ESTIMATE.MIN_RATE) return undefined;
    const trend = last.atMs + last.remainingMs / rate;
    // The latest figure is the least rounded (a percentage grows finer as it rises): the trend
    // overrides it only when they disagree by more than rounding can explain.
    const agree = Math.abs(trend - latest) <= ESTIMATE.TREND_OVERRIDES * (latest - last.atMs);
    return agree ? latest : trend;
  }
}
