/**
 * What one change is, as both halves of it see it: the request `applyChange` (apply-change.ts)
 * takes and the result it returns, and what the waits before and after the write
 * (change-waits.ts) read. Kept apart so that each of those two files imports this one and not
 * the other: apply-change.ts calls the waits, the waits know nothing of it.
 */
import type { DriverContext, SentAction } from "../driver";

export interface ChangeResult<L> {
  live: L;
  sent?: SentAction;
  /** How long the change took, as this process measured it (write to the poll that saw it done). */
  measuredMs?: number;
}

export interface ChangeRequest<I, L> {
  ctx: DriverContext;
  inputs: I;
  live: L;
  /** What was last sent for settings the cloud does not echo (the stored outputs). */
  applied: Record<string, unknown>;
  rotate: boolean;
  deadline: number;
  /** When this change began (epoch ms on the clock): a timeout reports the time since then. */
  startedAt?: number;
  /**
   * Called when a write may have reached the cloud (before its answer is known) and again
   * with what the answer said, so a later failure keeps the resource in state.
   */
  onSent?: (sent: SentAction | undefined) => void;
}
