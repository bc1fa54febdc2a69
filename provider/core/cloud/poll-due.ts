/**
 * When the call being made was due, for the rate limiter's earliest-deadline-first order
 * (rate-limit.ts, issue 18 item 3). A poll is due when the waiter scheduled it, and every call it
 * makes keeps that time, its resends included: the second read of a poll that already waited in
 * one bucket is late in the next. Anything outside a poll (a write, the reads before it) is due
 * at its arrival. The time travels with the poll's async context, so drivers need not carry it.
 */
import { AsyncLocalStorage } from "async_hooks";

const pollDue = new AsyncLocalStorage<number>();

/** Runs one poll whose calls are due at `dueAt` (epoch ms on the provider's clock). */
export function pollDueAt<T>(dueAt: number, poll: () => Promise<T>): Promise<T> {
  return pollDue.run(dueAt, poll);
}

/**
 * The due time of a call arriving at `now`: its poll's, for a read inside a poll; `now` for a
 * write (which must never wait behind polls that became due after it) and for any other call.
 */
export function dueTimeOf(readOnly: boolean, now: number): number {
  const due = readOnly ? pollDue.getStore() : undefined;
  return due === undefined ? now : Math.min(due, now);
}
