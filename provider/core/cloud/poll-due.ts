/**
 * When the call being made was due, for the rate limiter's earliest-deadline-first order
 * (rate-limit.ts, issue 18 item 3). A poll is due when the waiter scheduled it, and every call it
 * makes keeps that time, its resends included: the second read of a poll that already waited in
 * one bucket is late in the next. Anything outside a poll (a write, the reads before it) is due
 * at its arrival. The time travels with the poll's async context, so drivers need not carry it.
 *
 * A poll also carries its slack: how long its reads may wait to share a listing page with other
 * resources' reads (shared-listing.ts). The waiter grants a small share of the change's elapsed
 * time (wait.ts `POLL_SLACK_SHARE`), well inside the lateness its schedule allows.
 */
import { AsyncLocalStorage } from "async_hooks";

interface PollContext {
  dueAt: number;
  slackMs: number;
}

const pollContext = new AsyncLocalStorage<PollContext>();

/** Runs one poll whose calls are due at `dueAt` (epoch ms on the provider's clock). */
export function pollDueAt<T>(dueAt: number, poll: () => Promise<T>, slackMs = 0): Promise<T> {
  return pollContext.run({ dueAt, slackMs: Math.max(0, slackMs) }, poll);
}

/**
 * The due time of a call arriving at `now`: its poll's, for a read inside a poll; `now` for a
 * write (which must never wait behind polls that became due after it) and for any other call.
 */
export function dueTimeOf(readOnly: boolean, now: number): number {
  const due = readOnly ? pollContext.getStore()?.dueAt : undefined;
  return due === undefined ? now : Math.min(due, now);
}

/** How long a read of the current poll may wait to share a call (0 outside a poll). */
export function pollSlackMs(): number {
  return pollContext.getStore()?.slackMs ?? 0;
}
