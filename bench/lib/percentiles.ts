/**
 * The p-th percentile of some timings by the nearest-rank method: the smallest value that at least p % of the values
 * are at or below. No interpolation, so every reported percentile is a time that was really measured.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('a percentile of no values is undefined: measure at least one');
  if (!(p > 0 && p <= 100)) throw new Error(`a percentile is above 0 and at most 100, not ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}
