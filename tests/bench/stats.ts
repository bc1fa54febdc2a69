/** Small helpers for the bench's figures. */

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Milliseconds since `started` (process.hrtime.bigint()). */
export function msSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}
