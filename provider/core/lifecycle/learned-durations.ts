/**
 * What this process has measured (issue 18 item 2): how long each family's changes took, per
 * engine and action, and how wrong each family's remaining-time estimates were. The next wait
 * in the same process starts from it, so a fleet of 500 learns from its first finishers; a
 * resource's own `lastChangeSeconds` output (its last measured change) goes first.
 *
 * A measured duration runs from the accepted write to the poll that saw the change finished, so
 * it is at most the waiter's overhead (a few percent) longer than the cloud's own.
 */

/** Observations kept per key: recent enough to follow a cloud that changed, many enough to be stable. */
const KEEP = 25;
/** Corrections measured before one is applied, and how closely they must agree. */
const MIN_CONSISTENT = 3;
const CORRECTION_SPREAD = 0.25;
/**
 * The share of measured durations at each end that may lie outside a prior's window before the
 * prior is dropped: a change that far out returns up to half its duration late (wait.ts), so
 * nine in ten must be inside, not the middle half (with a few values: all of them).
 */
const SCATTER_TAIL = 0.1;
/** The correction never scales an estimate by more than this (or less than its inverse). */
const MAX_CORRECTION = 4;

export interface DurationKey {
  family: string;
  /** The engine or variant when the family has several (`MySQL`, `PostgreSQL`), else undefined. */
  engine?: string;
  action: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

class RecentValues {
  private readonly byKey = new Map<string, number[]>();

  add(key: string, value: number): void {
    const values = this.byKey.get(key) ?? [];
    values.push(value);
    if (values.length > KEEP) values.shift();
    this.byKey.set(key, values);
  }

  median(key: string): number | undefined {
    const values = this.byKey.get(key);
    return values && values.length > 0 ? median(values) : undefined;
  }

  /** The values sorted, with their median, once there are enough to judge their spread. */
  private judged(key: string): { values: number[]; mid: number } | undefined {
    const values = [...(this.byKey.get(key) ?? [])].sort((a, b) => a - b);
    return values.length < MIN_CONSISTENT ? undefined : { values, mid: median(values) };
  }

  /** The median when the middle half of the values lies within `spread` of it, else undefined. */
  consistentMedian(key: string, spread: number): number | undefined {
    const judged = this.judged(key);
    if (!judged) return undefined;
    const { values, mid } = judged;
    const q1 = values[Math.floor(values.length / 4)];
    const q3 = values[Math.ceil((3 * values.length) / 4) - 1];
    return q1 >= mid * (1 - spread) && q3 <= mid * (1 + spread) ? mid : undefined;
  }

  /** Three or more values whose 10th-90th percentiles are not within `factor` of their median. */
  scatters(key: string, factor: number): boolean {
    const judged = this.judged(key);
    if (!judged) return false;
    const { values, mid } = judged;
    const last = values.length - 1;
    const low = values[Math.floor(SCATTER_TAIL * last)];
    const high = values[Math.ceil((1 - SCATTER_TAIL) * last)];
    return low < mid / factor || high > mid * factor;
  }

  clear(): void {
    this.byKey.clear();
  }
}

const durations = new RecentValues();
const corrections = new RecentValues();

const keyOf = (k: DurationKey) => `${k.family}\u0000${k.engine ?? ""}\u0000${k.action}`;

/** Records a change's measured duration (ms from the accepted write to the poll that saw it done). */
export function recordDuration(key: DurationKey, ms: number): void {
  if (Number.isFinite(ms) && ms >= 0) durations.add(keyOf(key), ms);
}

/** The median of the durations measured in this process for `key`, or undefined. */
export function learnedDuration(key: DurationKey): number | undefined {
  return durations.median(keyOf(key));
}

/**
 * Whether the durations measured in this process for `key` scatter too widely for any one of
 * them to be a prior: three or more, and the 10th to 90th percentiles not within `factor` of
 * their median either way. The waiter's dense window spans half to twice its prior (wait.ts `SCHEDULE`), so
 * with a factor of 2 a prior that scatters more puts most changes outside the window, where
 * polls are sparse; the schedule without a prior is then the better bet.
 */
export function durationsScatter(key: DurationKey, factor: number): boolean {
  return durations.scatters(keyOf(key), factor);
}

/**
 * Records how wrong one estimate was: the time the change really needed after the sample,
 * over the time the cloud said remained.
 */
export function recordEstimateError(family: string, actualMs: number, estimatedMs: number): void {
  if (!(actualMs > 0) || !(estimatedMs > 0)) return;
  const ratio = Math.min(MAX_CORRECTION, Math.max(1 / MAX_CORRECTION, actualMs / estimatedMs));
  corrections.add(family, ratio);
}

/**
 * How much longer than estimated this family's changes take: the median of what was measured,
 * once three or more agree (the middle half within 25 % of it); 1 otherwise. A cloud whose
 * estimates are wrong by a steady factor is corrected; one whose errors scatter is not, since a
 * median of scattered errors would move every wait off its own estimate.
 */
export function estimateCorrection(family: string): number {
  return corrections.consistentMedian(family, CORRECTION_SPREAD) ?? 1;
}

/** Forgets everything measured (tests). */
export function forgetLearnedDurations(): void {
  durations.clear();
  corrections.clear();
}
