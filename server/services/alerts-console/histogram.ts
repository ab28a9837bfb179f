/**
 * Upper bounds (ms) of ChannelMetricBucket's latency and callback-delay histograms; the last count is +Inf.
 * TODO(merge): the metrics writer (part D) owns these bounds; use its constant once merged.
 */
export const HISTOGRAM_BOUNDS_MS: readonly number[] = [50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000, 300000];

/** The bound below which the share q of the counts falls (null: no counts, or it lies beyond the last bound). */
export function percentileOfHistogram(counts: readonly number[], bounds: readonly number[], q: number): number | null {
  const total = counts.reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(total * q);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= rank) return i < bounds.length ? bounds[i] : null;
  }
  return null;
}
