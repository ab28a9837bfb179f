/**
 * The barcode payment loop's schedule (付款码, docs/adr/0023-barcode-payment.md), pure: when to query
 * an attempt whose channel said "still processing", when to give up and reverse it, and how to back
 * off a reverse that failed. Milliseconds before the environment's time scale (BARCODE_TIME_SCALE).
 *
 * ../shared/FIELD-NOTES.md §F: WeChat asks for a query every 5–10 s up to about 30 s, then a reverse
 * not earlier than 15 s after the pay call; Alipay for a query every 3–5 s up to your own limit, the
 * cancel right after the last query. One schedule serves both.
 */
export const BARCODE_POLL_INTERVAL_MS = 5_000;
/** After this long from the pay call the loop stops waiting for the payer and reverses. */
export const BARCODE_REVERSE_AFTER_MS = 45_000;
/** WeChat Pay refuses (USERPAYING) a reverse earlier than this after the pay call. */
export const BARCODE_REVERSE_NOT_BEFORE_MS = 15_000;
/** Pauses between reverse tries that failed (the last one repeats). */
export const BARCODE_REVERSE_BACKOFF_MS = [5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000] as const;
/** Reverse tries before the loop leaves the attempt to status sync and expiry (and logs an error): ≈ 3 h. */
export const BARCODE_MAX_REVERSE_TRIES = 25;

/** failureCode of an attempt closed by our reverse: nothing the channel says later can make it paid. */
export const BARCODE_REVERSED = "BARCODE_REVERSED";

export type BarcodeStep = { kind: "query"; at: number } | { kind: "reverse"; at: number };

/**
 * The next step for an open attempt paid by the call made at `startedAt` (ms), at `now`: another
 * query at the next interval, or the reverse once the limit is reached (never before WeChat's 15 s).
 */
export function nextPollStep(startedAt: number, now: number, scale: number): BarcodeStep {
  const reverseAt = startedAt + Math.max(BARCODE_REVERSE_AFTER_MS, BARCODE_REVERSE_NOT_BEFORE_MS) * scale;
  if (now >= reverseAt) return { kind: "reverse", at: now };
  return { kind: "query", at: Math.min(now + BARCODE_POLL_INTERVAL_MS * scale, reverseAt) };
}

/** When to try a reverse again after `failedTries` failures; null once the loop gives up. */
export function reverseRetryAt(failedTries: number, now: number, scale: number): number | null {
  if (failedTries >= BARCODE_MAX_REVERSE_TRIES) return null;
  const pause = BARCODE_REVERSE_BACKOFF_MS[Math.min(failedTries - 1, BARCODE_REVERSE_BACKOFF_MS.length - 1)] ?? BARCODE_REVERSE_BACKOFF_MS[0];
  return now + pause * scale;
}
