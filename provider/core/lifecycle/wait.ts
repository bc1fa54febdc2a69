/**
 * The lifecycle waiters: poll the cloud until a judgement holds. Progress goes to stderr, which
 * Pulumi shows for dynamic providers (pulumi-dynamic.md P7), at least every 30 s (wait-lines.ts).
 *
 * The schedule (`nextPollDelay`, docs/BENCHMARKS.md "The waiter's schedule") is built for the
 * overhead goal of issue 11, not a fixed backoff: each delay is a fraction of the time elapsed
 * since the change was sent, so the time a change returns after the cloud finished stays a
 * bounded share of the change's own duration, and the family's expected duration per action
 * (`SslDriver.expectedDurationMs`, the prior) says where to poll densely: around the expected
 * finish. Far from it, polls are sparse, which keeps a 30-minute change within about 40 calls.
 * (terraform-plugin-sdk's StateChangeConf doubles from 100 ms, floored at 3 s and capped at 10 s:
 * for a 30-minute change that is about 180 polls.)
 *
 * `waitForSslState` is the "finished" test with memory (ARCHITECTURE F2): a driver's `observe`
 * reports facts, and this decides. A steady instance that shows the target is finished only
 * once evidence that the change ran has been seen in some poll (a finished task, a non-steady
 * status, a new expiry), or the family's grace period since the write has passed and two polls
 * in a row agree. So a flag that flips before the restart cannot end the wait.
 */
import type { Clock } from "../clock";
import type { BaseLiveSsl, SettleObservation } from "../driver";
import { pollDueAt } from "../cloud/poll-due";
import { ESTIMATE, type RemainingEstimate } from "./remaining-estimate";
import {
  InstanceDeletedError,
  SslChangeFailedError,
  WaitTimeoutError,
  formatDuration,
  type ErrorSubject,
} from "../cloud/errors";
import { WaitLines } from "./wait-lines";

export interface PollOptions {
  subject: ErrorSubject;
  /** What is awaited, for messages: e.g. "SSL enabled and the instance ready". */
  target: string;
  clock: Clock;
  /** Absolute deadline (epoch ms on `clock`). */
  deadline: number;
  /** The shortest delay between two polls (`dbssl:pollIntervalMs`), and the first one. */
  firstDelayMs: number;
  /** The longest delay between two polls (`dbssl:pollMaxIntervalMs`). */
  maxDelayMs: number;
  /**
   * How long the awaited change usually takes (the family's prior for the action): polls are
   * dense around it. Without it, the schedule without a prior (`SCHEDULE`). A function
   * is asked before each poll: a prior learned while this wait runs (the first finishers of a
   * fleet, learned-durations.ts) then applies to the waits already under way.
   */
  expectedMs?: number | (() => number | undefined);
  /** When the awaited change began (epoch ms on `clock`; default: when the wait began). */
  since?: number;
  /**
   * When the whole operation began (epoch ms on `clock`; default: when this wait began): a
   * timeout reports the time since then, not since the last of several waits (issue 17 item 15).
   */
  startedAt?: number;
  /** Progress while waiting, with a heartbeat at least every `heartbeatMs` (wait-lines.ts). */
  progress: (line: string) => void;
  /** Where the line saying the wait is over goes (default `progress`): a change's outcome is a notice. */
  finished?: (line: string) => void;
  /** The longest silence while waiting (default `HEARTBEAT_MS`, 30 s). */
  heartbeatMs?: number;
  random?: () => number;
  /** Poll once before the first sleep (the caller has no fresh read yet). */
  pollFirst?: boolean;
  /**
   * The earliest time (epoch ms on `clock`) the next poll may come, asked before each sleep: a
   * poll before it could not change the verdict. Undefined: the schedule alone decides.
   */
  notBefore?: () => number | undefined;
  /**
   * Collects the cloud's remaining-time estimates of the verdicts (`remainingMs`): the next poll
   * may come at the end they predict, when that is sooner than the schedule's (issue 18).
   */
  estimate?: RemainingEstimate;
}

/** What a judgement says about one poll: finished (with a value), or the state to report. */
export type Verdict<T> =
  { done: true; value: T } | { done: false; state: string; remainingMs?: number };

/**
 * Delay before a retry of an answer that said "busy" (`poll`, 1-based): doubling from the first
 * delay, capped, ±20 % jitter. Status polls use `nextPollDelay`.
 */
export function pollDelay(poll: number, first: number, max: number, random = Math.random): number {
  const base = Math.min(max, first * 2 ** Math.max(0, poll - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The schedule's constants (docs/BENCHMARKS.md derives them). With a prior E for the action:
 * before `WINDOW_FROM`·E a delay is `EARLY_RATIO` times the elapsed time (short and instant changes
 * are answered within about a second; completion is not likely yet), between `WINDOW_FROM`·E and
 * `WINDOW_TO`·E it is `DENSE_RATIO` (a change finishing there returns at most 7.5 % of its
 * duration late, 3.75 % on median), after that `LATE_RATIO`. Without a prior (none in code, or
 * the durations measured scatter beyond the dense window, learned-durations.ts): each delay is
 * the elapsed time until `UNKNOWN_KNEE_MS` (landing on it), then `UNKNOWN_RATIO` of it. Below a
 * minute a change returns at most its own duration late (seconds); from a minute on, at most
 * 14 % late (7 % on median), at 36 polls or fewer to 30 minutes: with OTC's 4 fixed calls (the
 * family without an estimate) that is the 40 of issue 18. Worst 10 % would take 36 polls from
 * the minute on alone (docs/BENCHMARKS.md "The waiter's schedule").
 */
export const SCHEDULE = {
  EARLY_RATIO: 2.5,
  DENSE_RATIO: 0.075,
  LATE_RATIO: 0.5,
  UNKNOWN_RATIO: 0.14,
  UNKNOWN_KNEE_MS: 60_000,
  WINDOW_FROM: 0.5,
  WINDOW_TO: 2,
  /** Jitter only ever shortens a delay (by up to this share), so the overhead bound holds. */
  JITTER: 0.05,
} as const;

/**
 * The share of a change's elapsed time a poll's reads may wait to share a listing page with other
 * resources' reads (core/cloud/shared-listing.ts). It adds at most 2 % to a detection, against
 * the 7.5 % the dense window allows, and only while the process reads that listing often.
 */
export const POLL_SLACK_SHARE = 0.02;

export interface ScheduleInput {
  /** Time since the awaited change began. */
  elapsedMs: number;
  expectedMs?: number;
  floorMs: number;
  capMs: number;
  random?: () => number;
  /**
   * When the cloud's estimate says this change ends (ms since it began; remaining-estimate.ts),
   * while the estimate is believed.
   */
  predictedEndMs?: number;
}

/**
 * The delay before the next poll (see `SCHEDULE`), within [floorMs, capMs]. With a predicted
 * end, that end is this change's own prior (the dense window is around it, so an estimate up to
 * 2x wrong either way still puts the end in the window) and one poll lands exactly on it.
 */
export function nextPollDelay(input: ScheduleInput): number {
  const predicted = input.predictedEndMs;
  if (predicted === undefined || !(predicted > 0)) return scheduledDelay(input);
  const around = scheduledDelay({ ...input, expectedMs: predicted });
  const toEnd = predicted + landingMargin(predicted) - input.elapsedMs;
  return toEnd >= input.floorMs ? Math.min(around, Math.ceil(toEnd)) : around;
}

/**
 * How far after a predicted end its poll lands. The clouds' figures are whole seconds or whole
 * percents, and a trend extrapolates their rounding, so an exact estimate's end is uncertain by a
 * second or a few tenths of a percent: a poll just after it sees the change done, where one on
 * it would miss by a hair half the time (and two misses drop the estimate).
 */
export function landingMargin(predictedEndMs: number): number {
  return Math.max(ESTIMATE.LANDING_MARGIN_MS, ESTIMATE.LANDING_MARGIN_SHARE * predictedEndMs);
}

/** The schedule without an estimate: relative to the elapsed time and the prior. */
function scheduledDelay(input: ScheduleInput): number {
  const { elapsedMs: t, expectedMs: e, floorMs, capMs } = input;
  const clamp = (ms: number) => Math.round(Math.min(capMs, Math.max(floorMs, ms)));
  const jitter = 1 - SCHEDULE.JITTER * (input.random ?? Math.random)();
  if (e === undefined || !(e > 0)) {
    const knee = SCHEDULE.UNKNOWN_KNEE_MS;
    if (t >= knee) return clamp(t * SCHEDULE.UNKNOWN_RATIO * jitter);
    // Doubling, but onto the knee rather than over it: the first poll past a minute is at it.
    return clamp(Math.min(t * jitter, knee - t));
  }
  const windowFrom = e * SCHEDULE.WINDOW_FROM;
  if (t < windowFrom) {
    const early = t * SCHEDULE.EARLY_RATIO * jitter;
    // Land on the start of the dense window rather than jump over it.
    return early >= windowFrom - t ? clamp(windowFrom - t) : clamp(early);
  }
  const ratio = t <= e * SCHEDULE.WINDOW_TO ? SCHEDULE.DENSE_RATIO : SCHEDULE.LATE_RATIO;
  return clamp(t * ratio * jitter);
}

export type PollSchedule = (input: ScheduleInput) => number;

let schedule: PollSchedule = nextPollDelay;

/**
 * Replaces the status-poll schedule in this process and returns the previous one. The benchmark
 * uses it to run a Terraform-style baseline through the same driver; the product never calls it.
 */
export function usePollSchedule(next: PollSchedule): PollSchedule {
  const previous = schedule;
  schedule = next;
  return previous;
}

/** Polls until `judge` says done; throws WaitTimeoutError at the deadline. */
export async function pollUntil<P, T>(
  opts: PollOptions,
  poll: () => Promise<P>,
  judge: (polled: P) => Verdict<T>,
): Promise<T> {
  const started = opts.clock.now();
  const since = opts.since ?? started;
  const lines = new WaitLines(opts, started);
  for (let n = opts.pollFirst ? 0 : 1; ; n++) {
    let dueAt = opts.clock.now();
    if (n > 0) {
      const remaining = opts.deadline - opts.clock.now();
      if (remaining <= 0) {
        const elapsed = opts.clock.now() - (opts.startedAt ?? started);
        throw new WaitTimeoutError(opts.subject, lines.lastState, opts.target, elapsed);
      }
      const delay = schedule({
        elapsedMs: opts.clock.now() - since,
        // An estimate dropped as wrong still said more of this change than any prior did.
        expectedMs:
          opts.estimate?.lastPredictedEnd ??
          (typeof opts.expectedMs === "function" ? opts.expectedMs() : opts.expectedMs),
        floorMs: opts.firstDelayMs,
        capMs: opts.maxDelayMs,
        random: opts.random,
        predictedEndMs: opts.estimate?.predictedEnd(),
      });
      const held = (opts.notBefore?.() ?? 0) - opts.clock.now();
      const sleep = Math.min(remaining, Math.max(delay, held));
      dueAt += sleep;
      await lines.sleep(sleep);
    }
    // The poll's calls are due now, its scheduled time, however long they wait (poll-due.ts).
    const slackMs = (opts.clock.now() - since) * POLL_SLACK_SHARE;
    const verdict = judge(await pollDueAt(dueAt, poll, slackMs));
    if (verdict.done) {
      const at = formatDuration(opts.clock.now() - started);
      if (n > 0)
        (opts.finished ?? opts.progress)(`${describe(opts.subject)}: ${opts.target} after ${at}`);
      return verdict.value;
    }
    opts.estimate?.observe(opts.clock.now() - since, verdict.remainingMs);
    lines.polled(verdict, n);
  }
}

export interface SettleOptions extends PollOptions {
  /** When the write was sent (epoch ms on `clock`). */
  sentAt: number;
  graceMs: number;
  /**
   * After a lost answer: give up (verdict "not-run") once the grace period has passed with the
   * instance steady, short of the target and no sign that the write ran.
   */
  mayNotHaveRun?: boolean;
}

export type SettleVerdict = "finished" | "scheduled" | "not-run";

/**
 * Waits until the change has finished, with memory across polls (see the file comment).
 *
 * While the instance is steady and shows the target but no evidence has been seen, only the grace
 * period can end the wait, and polling through it can only find a restart that has not shown yet.
 * So the next poll comes at the end of the grace period: the verdict is the same as with polls in
 * between (a restart still running then is seen; one that began and ended in between had finished
 * anyway), at two polls instead of one every few seconds (ARCHITECTURE F2, docs/BENCHMARKS.md).
 */
export function waitForSslState<L extends BaseLiveSsl = never>(
  opts: SettleOptions,
  observe: () => Promise<SettleObservation<L>>,
): Promise<SettleVerdict> {
  const memory = { evidence: false, agreeing: 0 };
  const graceEnd = opts.sentAt + opts.graceMs;
  const notBefore = () => {
    const outwaitGrace = memory.agreeing > 0 && !memory.evidence;
    return Math.max(opts.notBefore?.() ?? 0, outwaitGrace ? graceEnd : 0);
  };
  const polling = { since: opts.sentAt, ...opts, notBefore };
  return pollUntil(polling, observe, (obs: SettleObservation<L>): Verdict<SettleVerdict> => {
    const graceOver = opts.clock.now() >= graceEnd;
    if (obs.gone) throw new InstanceDeletedError(opts.subject, "the instance was deleted");
    if (obs.terminal) throw new SslChangeFailedError(opts.subject, obs.terminal);
    if (!obs.steady || obs.evidence) memory.evidence = true;
    if (obs.scheduled) return { done: true, value: "scheduled" };
    if (obs.failure && (!obs.failureMayBeStale || memory.evidence || graceOver)) {
      throw new SslChangeFailedError(opts.subject, obs.failure);
    }
    memory.agreeing = obs.steady && obs.targetShown ? memory.agreeing + 1 : 0;
    if (memory.agreeing > 0 && (memory.evidence || (graceOver && memory.agreeing >= 2))) {
      return { done: true, value: "finished" };
    }
    if (opts.mayNotHaveRun && graceOver && obs.steady && !obs.targetShown && !memory.evidence) {
      return { done: true, value: "not-run" };
    }
    return { done: false, state: obs.state, remainingMs: obs.remainingMs };
  });
}

function describe(s: ErrorSubject): string {
  return `${s.family} ${s.instanceId}`;
}
