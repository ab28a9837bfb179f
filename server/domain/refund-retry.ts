/**
 * Backoff for a channel refund whose call failed without a definitive answer (channel down, 5xx,
 * timeout): five retries over about 40 minutes, then the refund is FAILED with the channel's last
 * reason, and a person may retry it from the console.
 */
export const REFUND_RETRY_SECONDS = [10, 30, 120, 600, 1800] as const;

/** Seconds until the next try after `retriesSoFar` retries, or null when the retries are used up. */
export function nextRefundRetrySeconds(retriesSoFar: number): number | null {
  return REFUND_RETRY_SECONDS[retriesSoFar] ?? null;
}
