/**
 * The emulator's remaining-time estimates, made wrong on purpose (issue 18): the clouds' own
 * figures (Alibaba `RemainTime`, Tencent `Progress`, Huawei's job `process`) are estimates, and
 * the provider must meet its call budget and never report a change done early whatever they say.
 * Each service reports `reportedRemainingMs` / `reportedProgress` of the task it serves, with the
 * error mode set for the instance (`admin.setEstimateError`), `none` by default.
 */

export const ESTIMATE_ERROR_MODES = ["none", "tooEarly", "tooLate", "frozen", "jumpBack"] as const;
/**
 * - `none`: the true remaining time;
 * - `tooEarly`: half of it (the change ends later than said);
 * - `tooLate`: twice it (the change ends sooner than said);
 * - `frozen`: the estimate stops moving at the value it had when the change was 90 % done;
 * - `jumpBack`: at half-way the estimate jumps back up by half the change's duration.
 */
export type EstimateErrorMode = (typeof ESTIMATE_ERROR_MODES)[number];

/** The remaining time an estimate in `mode` reports `elapsedMs` into a change of `totalMs`. */
export function reportedRemainingMs(
  mode: EstimateErrorMode,
  elapsedMs: number,
  totalMs: number,
): number {
  const left = Math.max(0, totalMs - elapsedMs);
  switch (mode) {
    case "tooEarly":
      return left / 2;
    case "tooLate":
      return left * 2;
    case "frozen":
      return Math.max(left, totalMs * 0.1);
    case "jumpBack":
      return elapsedMs >= totalMs / 2 && left > 0 ? left + totalMs / 2 : left;
    default:
      return left;
  }
}

/** The whole percent a progress figure in `mode` shows (the fraction done the estimate implies). */
export function reportedProgress(
  mode: EstimateErrorMode,
  elapsedMs: number,
  totalMs: number,
): number {
  if (elapsedMs >= totalMs) return 100;
  if (elapsedMs <= 0) return 0;
  const remaining = reportedRemainingMs(mode, elapsedMs, totalMs);
  return Math.min(99, Math.floor((100 * elapsedMs) / (elapsedMs + remaining)));
}

/** The mode per instance (the bench draws one per change), with a default for the others. */
export class EstimateErrors {
  private readonly byInstance = new Map<string, EstimateErrorMode>();
  private fallback: EstimateErrorMode = "none";

  /** Sets the mode of one instance, or without an id the default of every other one. */
  set(mode: EstimateErrorMode, instanceId?: string): void {
    if (!ESTIMATE_ERROR_MODES.includes(mode)) throw new Error(`unknown estimate error ${mode}`);
    if (instanceId === undefined) this.fallback = mode;
    else this.byInstance.set(instanceId, mode);
  }

  modeOf(instanceId: string): EstimateErrorMode {
    return this.byInstance.get(instanceId) ?? this.fallback;
  }

  clear(): void {
    this.byInstance.clear();
    this.fallback = "none";
  }
}
