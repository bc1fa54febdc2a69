/**
 * The one path every cloud call takes, whatever the cloud: the endpoint override is checked
 * before anything is sent, the call waits for its process-wide rate-limit bucket (earliest due
 * first: a poll's calls are due when the poll was scheduled, poll-due.ts), runs, has its
 * failure turned into the cloud's typed error, and is retried by the core's per-call policy
 * (retry.ts: reads after throttling, 5xx and network errors; writes only after throttling).
 * A throttled answer (retry class `throttled`) is reported to the bucket, which slows down for
 * every resource of the process; the resend then waits for that bucket like any other call.
 * Each cloud says only what differs: its bucket and how it reads a failure. Every attempt prints
 * one line at `dbssl:logLevel` debug.
 */
import type { DriverContext } from "../driver";
import { CloudApiError, DbSslError, type ErrorSubject } from "./errors";
import { answerFacts, callLine } from "../log";
import { dueTimeOf } from "./poll-due";
import type { TokenBucket } from "./rate-limit";
import { retryCall } from "./retry";
import { endpointOverrideProblem } from "../settings";

export interface CloudCall<T> {
  ctx: DriverContext;
  subject: ErrorSubject;
  /** The API action, for progress lines. */
  action: string;
  readOnly: boolean;
  /** The bucket this call takes a token from (rate-limit.ts `rateLimiterFor`). */
  limiter: TokenBucket;
  send: () => Promise<T>;
  /**
   * A total deadline for one attempt, answer body included (`dbssl:requestTimeoutMs`, issue 17
   * item 6): past it the attempt fails as a network timeout (ETIMEDOUT), whatever the SDK's own
   * timers (which may restart on each byte, or count headers and body apart). Absent: none.
   */
  deadlineMs?: number;
  /** The cloud's reading of a failed `send`: a typed error (a CloudApiError to be retried). */
  typedError: (error: unknown) => Error;
}

export async function callCloud<T>(call: CloudCall<T>): Promise<T> {
  const { ctx } = call;
  const override = ctx.settings.endpointOverride;
  const problem = override === undefined ? undefined : endpointOverrideProblem(override);
  if (problem !== undefined) throw new DbSslError(call.subject, `${problem}; nothing was sent`);
  // Fixed at the first attempt: a resend is as late as the call it repeats (rate-limit.ts).
  const dueAt = dueTimeOf(call.readOnly, ctx.clock.now());
  return retryCall(
    async () => {
      const ticket = await call.limiter.take(dueAt);
      const sentAt = performance.now();
      try {
        const answer = await withDeadline(call.deadlineMs, call.send);
        logCall(call, sentAt, { outcome: "ok", ...answerFacts(answer) });
        return answer;
      } catch (error) {
        const typed = call.typedError(error);
        logCall(call, sentAt, failureFacts(typed));
        if (typed instanceof CloudApiError && typed.retryClass === "throttled") {
          call.limiter.throttled(ticket, typed.retryAfterMs);
        }
        throw typed;
      }
    },
    {
      clock: ctx.clock,
      readOnly: call.readOnly,
      onRetry: (error, attempt, delay) => ctx.progress(retryLine(call, error, attempt, delay)),
    },
  );
}

/**
 * Each attempt's debug line (`dbssl:logLevel` debug, log.ts): this is the one place where every
 * call's outcome is known, whatever the cloud. Only the action, code, status and request id go in:
 * never parameters, answers or the cloud's message, which may echo a key or certificate. The
 * duration is real time: the clock is for waits, and a call takes what the network takes.
 */
function logCall(
  call: CloudCall<unknown>,
  sentAt: number,
  facts: { outcome: string; httpStatus?: number; requestId?: string },
): void {
  const { family, instanceId } = call.subject;
  const durationMs = performance.now() - sentAt;
  call.ctx.debug?.(callLine({ family, instanceId, action: call.action, durationMs, ...facts }));
}

function failureFacts(error: Error): { outcome: string; httpStatus?: number; requestId?: string } {
  if (!(error instanceof CloudApiError)) return { outcome: error.name };
  return { outcome: error.code, httpStatus: error.httpStatus, requestId: error.requestId };
}

function retryLine(call: CloudCall<unknown>, error: CloudApiError, attempt: number, delay: number) {
  const head = `${call.subject.family} ${call.subject.instanceId}: ${call.action} ${error.code}`;
  if (error.retryClass === "notRun") {
    return `${head} (nothing ran), try ${attempt + 1} in ${Math.round(delay / 100) / 10}s`;
  }
  if (error.retryClass !== "throttled") {
    return `${head}, retry ${attempt} in ${Math.round(delay / 100) / 10}s`;
  }
  const rate = Math.round(call.limiter.ratePerSecond * 100) / 100;
  return `${head}, retry ${attempt} when the shared limit allows (now ${rate}/s)`;
}

/** `run`, or an error coded ETIMEDOUT when it has not settled within `ms` real milliseconds. */
export function withDeadline<T>(ms: number | undefined, run: () => Promise<T>): Promise<T> {
  if (ms === undefined) return run();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new Error(`no complete answer within ${ms} ms`) as Error & { code: string };
      error.code = "ETIMEDOUT";
      reject(error);
    }, ms);
    run()
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}
