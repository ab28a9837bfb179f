// RTO as a client sees it: after a fault at `from`, the window during which its requests failed —
// from the first failed request to the last one before a quiet stretch (QUIET_MS without a failure,
// with successes in it). Pure, so the rule is tested apart from a drill.
export type ErrorWindow = {
  /** Requests that failed (5xx or no answer) inside the window. */
  failedRequests: number;
  /** Seconds from the first to the last failure of the window (0 when nothing failed). */
  seconds: number;
  /** Milliseconds from the fault to the first success after the window (or after the fault when nothing failed). */
  firstSuccessAfterMs: number | null;
};

export function errorWindow(failures: number[], successes: number[], from: number, until = Number.POSITIVE_INFINITY, quietMs = 5_000): ErrorWindow {
  const failed = failures.filter((t) => t >= from && t < until).sort((a, b) => a - b);
  const ok = successes.filter((t) => t >= from && t < until).sort((a, b) => a - b);
  if (failed.length === 0) {
    return { failedRequests: 0, seconds: 0, firstSuccessAfterMs: ok.length ? ok[0]! - from : null };
  }
  // the window ends at the last failure followed by quietMs with no failure and at least one success
  let end = failed[0]!;
  let count = 0;
  for (let i = 0; i < failed.length; i++) {
    const t = failed[i]!;
    if (i > 0 && t - end > quietMs && ok.some((s) => s > end && s < t)) break;
    end = t;
    count++;
  }
  const firstOk = ok.find((s) => s > end);
  return {
    failedRequests: count,
    seconds: Math.round((end - failed[0]!) / 100) / 10,
    firstSuccessAfterMs: firstOk === undefined ? null : firstOk - from,
  };
}
