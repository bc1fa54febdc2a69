/**
 * The lifecycle waiters: poll the cloud until a judgement holds, with exponential backoff and
 * jitter between a short first delay and a cap (terraform-plugin-sdk's StateChangeConf doubles
 * from 100 ms, floored at 3 s, capped at 10 s; cloud changes here take minutes, so we start at
 * 5 s and cap at 30 s by default). Progress goes to stderr, which Pulumi shows for dynamic
 * providers (pulumi-dynamic.md P7).
 *
 * `waitForSslState` is the "finished" test with memory (ARCHITECTURE F2): a driver's `observe`
 * reports facts, and this decides. A steady instance that shows the target is finished only
 * once evidence that the change ran has been seen in some poll (a finished task, a non-steady
 * status, a new expiry), or the family's grace period since the write has passed and two polls
 * in a row agree. So a flag that flips before the restart cannot end the wait.
 */
import type { Clock } from "./clock";
import type { SettleObservation } from "./driver";
import {
  SslChangeFailedError,
  WaitTimeoutError,
  formatDuration,
  type ErrorSubject,
} from "./errors";

export interface PollOptions {
  subject: ErrorSubject;
  /** What is awaited, for messages: e.g. "SSL enabled and the instance ready". */
  target: string;
  clock: Clock;
  /** Absolute deadline (epoch ms on `clock`). */
  deadline: number;
  firstDelayMs: number;
  maxDelayMs: number;
  progress: (line: string) => void;
  random?: () => number;
  /** Poll once before the first sleep (the caller has no fresh read yet). */
  pollFirst?: boolean;
}

/** What a judgement says about one poll: finished (with a value), or the state to report. */
export type Verdict<T> = { done: true; value: T } | { done: false; state: string };

/** Delay before poll number `poll` (1-based): doubling from the first delay, capped, ±20 % jitter. */
export function pollDelay(poll: number, first: number, max: number, random = Math.random): number {
  const base = Math.min(max, first * 2 ** Math.max(0, poll - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Polls until `judge` says done; throws WaitTimeoutError at the deadline. */
export async function pollUntil<P, T>(
  opts: PollOptions,
  poll: () => Promise<P>,
  judge: (polled: P) => Verdict<T>,
): Promise<T> {
  const started = opts.clock.now();
  let state = "not yet read";
  let lastReported = "";
  for (let n = opts.pollFirst ? 0 : 1; ; n++) {
    if (n > 0) {
      const remaining = opts.deadline - opts.clock.now();
      if (remaining <= 0) {
        throw new WaitTimeoutError(opts.subject, state, opts.target, opts.clock.now() - started);
      }
      const delay = pollDelay(n, opts.firstDelayMs, opts.maxDelayMs, opts.random);
      await opts.clock.sleep(Math.min(remaining, delay));
    }
    const verdict = judge(await poll());
    const at = formatDuration(opts.clock.now() - started);
    if (verdict.done) {
      if (n > 0) opts.progress(`${describe(opts.subject)}: ${opts.target} after ${at}`);
      return verdict.value;
    }
    state = verdict.state;
    if (state !== lastReported || n % 10 === 0) {
      opts.progress(`${describe(opts.subject)}: ${state}, waiting for ${opts.target} (${at})`);
      lastReported = state;
    }
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

/** Waits until the change has finished, with memory across polls (see the file comment). */
export function waitForSslState(
  opts: SettleOptions,
  observe: () => Promise<SettleObservation>,
): Promise<SettleVerdict> {
  const memory = { evidence: false, agreeing: 0 };
  return pollUntil(opts, observe, (obs): Verdict<SettleVerdict> => {
    const graceOver = opts.clock.now() - opts.sentAt >= opts.graceMs;
    if (obs.gone) throw new SslChangeFailedError(opts.subject, "the instance was deleted");
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
    return { done: false, state: obs.state };
  });
}

function describe(s: ErrorSubject): string {
  return `${s.family} ${s.instanceId}`;
}
