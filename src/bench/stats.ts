/** Plain statistics over measured samples (no sampling, no histogram buckets: every value is kept). */

/** Nearest-rank percentile of values sorted ascending; NaN for no values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

export function max(values: readonly number[]): number {
  return values.reduce((a, b) => (b > a ? b : a), -Infinity);
}

/** Sorts in place (ascending, numeric) and returns the same array. */
export function sortNumbers(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}
