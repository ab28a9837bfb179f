/**
 * The trade coordinator's states (docs/adr/0015). A trade is open until it has ended; the Open API
 * shows PENDING while the coordinator is still confirming or cancelling (the outcome is not known to
 * the buyer yet) and FAILED from the moment a compensation is decided.
 */
export const TRADE_STATUSES = ["PENDING", "CONFIRMING", "CANCELLING", "COMPENSATING", "SUCCEEDED", "FAILED"] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];

/** Statuses that hold the order: no other trade may start (the partial unique index Trade_one_open_per_order). */
export const TRADE_HOLDS_ORDER: readonly TradeStatus[] = ["PENDING", "CONFIRMING", "CANCELLING"];

export type PublicTradeStatus = "PENDING" | "SUCCEEDED" | "FAILED";

export function publicTradeStatus(status: TradeStatus): PublicTradeStatus {
  if (status === "SUCCEEDED") return "SUCCEEDED";
  if (status === "FAILED" || status === "COMPENSATING") return "FAILED";
  return "PENDING";
}

export const TRADE_INSTRUMENTS = ["coupon", "points", "wallet", "channel"] as const;
export type TradeInstrument = (typeof TRADE_INSTRUMENTS)[number];

/** The sentinel's backoff after the n-th unsuccessful drive: 5 s, 10 s, 20 s … capped at 10 min. */
export function nextDriveDelaySeconds(driveCount: number): number {
  return Math.min(600, 5 * 2 ** Math.min(Math.max(driveCount - 1, 0), 10));
}
