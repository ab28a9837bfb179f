/**
 * The states of a pay order, of its attempts (Payment) and of a refund, and the sets the services ask about.
 * They live here, next to each other, so that "open", "paid" and "refundable" mean one thing everywhere.
 *
 *   PayOrder  PENDING ─▶ PAID ─▶ PARTIALLY_REFUNDED ─▶ REFUNDED        PENDING ─▶ CLOSED
 *   Payment   CREATED ─▶ PROCESSING ─▶ SUCCEEDED | FAILED | CLOSED     (UNKNOWN while the channel's answer is unknown)
 *   Refund    PENDING_REVIEW ─▶ PROCESSING ─▶ SUCCEEDED | FAILED        PENDING_REVIEW ─▶ REJECTED
 */
export const PAY_ORDER_STATUSES = ["PENDING", "PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CLOSED"] as const;
export type PayOrderStatus = (typeof PAY_ORDER_STATUSES)[number];

/** A pay order that was paid (whatever was refunded since): it has a receipt and a payment journal entry. */
export const PAID_PAY_ORDER_STATUSES = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"] as const satisfies readonly PayOrderStatus[];

export const ATTEMPT_STATUSES = ["CREATED", "PROCESSING", "SUCCEEDED", "FAILED", "CLOSED", "UNKNOWN"] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** An attempt with no final result yet: status sync queries it, expiry closes it, a success may still come. */
export const OPEN_ATTEMPT_STATUSES = ["CREATED", "PROCESSING", "UNKNOWN"] as const satisfies readonly AttemptStatus[];

/** An open attempt the channel has not confirmed it holds: a channel's trade number moves it to PROCESSING. */
export const UNCONFIRMED_ATTEMPT_STATUSES = ["CREATED", "UNKNOWN"] as const satisfies readonly AttemptStatus[];

export const REFUND_STATUSES = ["PENDING_REVIEW", "PROCESSING", "SUCCEEDED", "FAILED", "REJECTED"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export function isPaidPayOrder(status: string): boolean {
  return (PAID_PAY_ORDER_STATUSES as readonly string[]).includes(status);
}

export function isOpenAttempt(status: string): boolean {
  return (OPEN_ATTEMPT_STATUSES as readonly string[]).includes(status);
}

/** The status a paid order has after refunds: REFUNDED once everything paid came back. */
export function statusAfterRefunds(paidAmount: bigint, refundedAmount: bigint): "PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" {
  if (refundedAmount <= 0n) return "PAID";
  return refundedAmount >= paidAmount ? "REFUNDED" : "PARTIALLY_REFUNDED";
}
