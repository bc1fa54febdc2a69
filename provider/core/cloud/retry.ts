/**
 * Per-call retry for one cloud request: throttling, 5xx and network errors. This is kept
 * apart from lifecycle waits (wait.ts): a retry resends the same request after a short
 * backoff; a wait polls until the cloud has finished a change.
 *
 * A throttled answer is resent without a backoff of its own and without counting against the
 * attempt limit: each attempt takes a token from the process-wide bucket again (call-cloud.ts),
 * and the throttle has lowered that bucket's rate for every resource (rate-limit.ts). A fixed
 * count per resource would fail a large stack whose cloud allows fewer calls than our rate;
 * what bounds these resends is a time budget (a cloud that throttles for that long is refusing).
 *
 * A write (Modify) call is only resent here when the cloud rejected it before running it
 * (throttling, or `notRun`: the cloud says its own side failed and nothing ran, e.g. Tencent's
 * `FailedOperation.*`, seed 003). After a 5xx or a network error it may have run, so the error
 * goes up to the lifecycle, which reads the live state before it decides to send again.
 * `notRun` answers are resent only a few times, a little apart (`notRunPausesMs`): a cloud that
 * keeps failing is named at once rather than after the whole timeout (issue 17 item 11).
 */
import type { Clock } from "../clock";
import { CloudApiError, formatDuration, type RetryClass } from "./errors";

export interface RetryPolicy {
  /** Attempts after failures other than throttling, the first included. */
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a call may keep being throttled, from its first throttled answer. */
  throttledBudgetMs: number;
  /** Pauses before each resend after a `notRun` answer; when they run out, the error is final. */
  notRunPausesMs: readonly number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  limit: 8,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  throttledBudgetMs: 15 * 60_000,
  // Under a minute in all: three attempts, 10 s and 30 s apart.
  notRunPausesMs: [10_000, 30_000],
};

/** Exponential backoff with full jitter, capped; a cloud-given retry-after wins when longer. */
export function calculateDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  retryAfterMs = 0,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.round(Math.max(jittered, Math.min(retryAfterMs, policy.maxDelayMs * 6)));
}

const RETRYABLE_READ: readonly RetryClass[] = ["throttled", "unavailable", "network", "notRun"];
const RETRYABLE_WRITE: readonly RetryClass[] = ["throttled", "notRun"];

export interface RetryOptions {
  clock: Clock;
  policy?: RetryPolicy;
  /** True for calls that change nothing (Describe*): resent after any transient failure. */
  readOnly: boolean;
  onRetry?: (error: CloudApiError, attempt: number, delayMs: number) => void;
}

/**
 * `call` must take a token from the shared bucket on each attempt: a throttled answer is resent
 * at once (the bucket spaces it), other transient failures after an exponential backoff.
 */
export async function retryCall<T>(call: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const policy = opts.policy ?? DEFAULT_RETRY_POLICY;
  const retryable = opts.readOnly ? RETRYABLE_READ : RETRYABLE_WRITE;
  let firstThrottledAt: number | undefined;
  let backoffs = 0;
  const started = opts.clock.now();
  const notRun = { count: 0 };
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof CloudApiError) || !retryable.includes(error.retryClass)) throw error;
      if (error.retryClass === "notRun") {
        const pause = policy.notRunPausesMs[notRun.count++];
        if (pause === undefined) throw notRunExhausted(error, attempt, opts.clock.now() - started);
        opts.onRetry?.(error, attempt, pause);
        await opts.clock.sleep(pause);
        continue;
      }
      if (error.retryClass === "throttled") {
        firstThrottledAt ??= opts.clock.now();
        if (opts.clock.now() - firstThrottledAt >= policy.throttledBudgetMs) throw error;
        opts.onRetry?.(error, attempt, 0);
        continue;
      }
      if (++backoffs >= policy.limit) throw error;
      const delay = calculateDelay(backoffs, policy, error.retryAfterMs);
      opts.onRetry?.(error, attempt, delay);
      await opts.clock.sleep(delay);
    }
  }
}

function notRunExhausted(last: CloudApiError, attempts: number, elapsedMs: number): CloudApiError {
  return last.restated(
    "final",
    `answered ${attempts} times in a row over ${formatDuration(elapsedMs)}: the operation ` +
      `failed on the cloud's side and nothing was changed; try again later`,
  );
}
