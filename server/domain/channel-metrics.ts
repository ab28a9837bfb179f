/**
 * Channel metrics (监控, docs/adr/0020): per channel account and 5-minute bucket, counts and two
 * histograms (channel call latency, callback delay) with fixed upper bounds in milliseconds. Fixed
 * bounds make buckets from every process and every 5 minutes add up element by element, in SQL too.
 */

export const METRIC_BUCKET_MS = 5 * 60_000;

/** Upper bounds (ms, inclusive) of the histogram slots; one more slot after the last counts +Inf. */
export const LATENCY_BUCKETS_MS = [10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000] as const;

/** Slots of a histogram: one per bound, and +Inf. */
export const HISTOGRAM_SLOTS = LATENCY_BUCKETS_MS.length + 1;

/** The start of the 5-minute bucket holding `at`. */
export function metricBucketOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / METRIC_BUCKET_MS) * METRIC_BUCKET_MS);
}

export function emptyHistogram(): number[] {
  return new Array<number>(HISTOGRAM_SLOTS).fill(0);
}

/** The slot a duration falls in (negative durations, a clock a little behind, count as the first). */
export function histogramSlot(ms: number): number {
  const index = LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound);
  return index === -1 ? LATENCY_BUCKETS_MS.length : index;
}

/** Adds histograms slot by slot (a missing or short one counts as zeros). */
export function addHistograms(...histograms: readonly (readonly number[] | null | undefined)[]): number[] {
  const sum = emptyHistogram();
  for (const histogram of histograms) {
    if (!histogram) continue;
    for (let i = 0; i < HISTOGRAM_SLOTS; i++) sum[i] += histogram[i] ?? 0;
  }
  return sum;
}

/**
 * The q-quantile (0 < q ≤ 1) of a histogram, as the upper bound of the slot that holds it (so "p95 ≤ 250 ms"):
 * null when it holds nothing, Infinity when the quantile lies past the last bound. Counts are integers and
 * the rank is computed as ceil(q × total), so p95 of 20 observations is the 19th.
 */
export function histogramQuantile(histogram: readonly number[], q: number): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total - 1e-9));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= rank) return i < LATENCY_BUCKETS_MS.length ? LATENCY_BUCKETS_MS[i] : Infinity;
  }
  return Infinity;
}

/** A whole percent, rounded down (a 69.9 % success rate is below a 70 % threshold), or null with nothing to divide. */
export function wholePercent(part: number, total: number): number | null {
  return total > 0 ? Math.floor((part * 100) / total) : null;
}
