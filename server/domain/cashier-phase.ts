import { merchantMayTransact } from "./merchant-status";

/**
 * What the cashier shows for an order: it can be paid, it was paid (the receipt), it was closed or
 * has expired, or the merchant cannot take payments now (merchant suspended, LIVE app of a merchant
 * not yet approved, app disabled).
 */
export type CashierPhase = "payable" | "paid" | "closed" | "expired" | "unavailable";

/** The latest attempt as the consumer sees it: being prepared, waiting for the payer, or failed. */
export type AttemptState = "preparing" | "waiting" | "failed";

export type PhaseInput = {
  orderStatus: string;
  expiresAt: Date;
  closedAt: Date | null;
  merchantStatus: string;
  appStatus: string;
  appMode: string;
};

export function cashierPhase(order: PhaseInput, now: Date): CashierPhase {
  switch (order.orderStatus) {
    case "PAID":
    case "PARTIALLY_REFUNDED":
    case "REFUNDED":
      return "paid";
    case "CLOSED":
      return order.closedAt && order.closedAt < order.expiresAt ? "closed" : "expired";
    default:
      if (now >= order.expiresAt) return "expired";
      return merchantMayTransact(order.merchantStatus, order.appMode) && order.appStatus === "ACTIVE" ? "payable" : "unavailable";
  }
}

/**
 * CREATED: the channel call is under way. PROCESSING: the channel has the trade and waits for the
 * payer. Anything else on an unpaid order (refused, closed, outcome unknown) did not go through:
 * the consumer may try again, which closes it at its channel.
 */
export function attemptState(status: string): AttemptState {
  if (status === "CREATED") return "preparing";
  if (status === "PROCESSING") return "waiting";
  return "failed";
}
