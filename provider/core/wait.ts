/**
 * The lifecycle waiter: polls a family's "finished" test until it holds, with exponential
 * backoff and jitter between a short first delay and a cap (terraform-plugin-sdk's
 * StateChangeConf doubles from 100 ms, floored at 3 s, capped at 10 s; cloud changes here take
 * minutes, so we start at 5 s and cap at 30 s by default). Progress goes to stderr, which
 * Pulumi shows for dynamic providers (pulumi-dynamic.md P7).
 */
import type { Clock } from "./clock";
import type { SettleObservation } from "./driver";
import {
  SslChangeFailedError,
  WaitTimeoutError,
  formatDuration,
  type ErrorSubject,
} from "./errors";

export interface WaitOptions {
  subject: ErrorSubject;
  /** What is awaited, for messages: e.g. "SSL enabled and instance Running". */
  target: string;
  observe: () => Promise<SettleObservation>;
  clock: Clock;
  timeoutMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  progress: (line: string) => void;
  random?: () => number;
}

/** Delay before poll number `poll` (1-based): doubling from the first delay, capped, ±20 % jitter. */
export function pollDelay(poll: number, first: number, max: number, random = Math.random): number {
  const base = Math.min(max, first * 2 ** Math.max(0, poll - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Resolves with the final observation, or throws WaitTimeoutError / SslChangeFailedError. */
export async function waitForSettled(opts: WaitOptions): Promise<SettleObservation> {
  const started = opts.clock.now();
  let last: SettleObservation = { state: "not yet read", done: false };
  let lastReported = "";
  for (let poll = 1; ; poll++) {
    const elapsed = opts.clock.now() - started;
    const remaining = opts.timeoutMs - elapsed;
    if (remaining <= 0) throw new WaitTimeoutError(opts.subject, last.state, opts.target, elapsed);
    await opts.clock.sleep(
      Math.min(remaining, pollDelay(poll, opts.firstDelayMs, opts.maxDelayMs, opts.random)),
    );
    last = await opts.observe();
    const at = formatDuration(opts.clock.now() - started);
    if (last.failure) throw new SslChangeFailedError(opts.subject, `${last.failure} (after ${at})`);
    if (last.done) {
      opts.progress(`${describe(opts.subject)}: ${opts.target} after ${at}`);
      return last;
    }
    if (last.state !== lastReported || poll % 10 === 0) {
      opts.progress(`${describe(opts.subject)}: ${last.state}, waiting for ${opts.target} (${at})`);
      lastReported = last.state;
    }
  }
}

function describe(s: ErrorSubject): string {
  return `${s.family} ${s.instanceId}`;
}
