/**
 * How often a page that shows something in flight asks again. Fast at first (most asynchronous outcomes —
 * a sandbox refund, a trade's confirm — land within seconds), then backing off so a stuck item does not
 * keep a forgotten tab hammering the server; off as soon as nothing is pending.
 */
export const LIVE_FAST_MS = 2_000;
export const LIVE_SLOW_MS = 10_000;
/** Polls at the fast pace before backing off (≈ 10 s). */
export const LIVE_FAST_POLLS = 5;

/** The wait before poll number `polls` (0-based, counted since the page began waiting), or false when nothing is pending. */
export function liveInterval(pending: boolean, polls: number): number | false {
  if (!pending) return false;
  const n = Number.isFinite(polls) && polls > 0 ? Math.floor(polls) : 0;
  if (n < LIVE_FAST_POLLS) return LIVE_FAST_MS;
  // 4 s, 8 s, then 10 s for as long as it stays pending
  const backedOff = LIVE_FAST_MS * 2 ** (n - LIVE_FAST_POLLS + 1);
  return Math.min(backedOff, LIVE_SLOW_MS);
}

/** What a watched item is doing: still in flight, or ended one way or the other. */
export type LivePhase = "pending" | "succeeded" | "failed";

export type LiveItem = { key: string; phase: LivePhase };

/**
 * The items that ended since the last look: pending before, succeeded or failed now. An item seen for the
 * first time is not an ending (the page was opened after it ended), nor is one that vanished (filtered out).
 */
export function endedSince(before: ReadonlyMap<string, LivePhase>, now: readonly LiveItem[]): LiveItem[] {
  return now.filter((item) => item.phase !== "pending" && before.get(item.key) === "pending");
}

/** A react-query `refetchInterval` that polls while `pending(data)` holds, backing off by the number of answers so far. */
export function liveRefetchInterval<T>(pending: (data: T) => boolean) {
  return (query: { state: { data: T | undefined; dataUpdateCount: number } }): number | false => {
    const data = query.state.data;
    if (data === undefined) return LIVE_FAST_MS;
    return liveInterval(pending(data), query.state.dataUpdateCount);
  };
}
