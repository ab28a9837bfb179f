import { db, type Tx } from "@/server/db";
import type { PayOrder } from "@/server/generated/prisma/client.ts";
import { AppError } from "@/server/errors";
import { recordEvent } from "@/server/services/events/record-event";
import { applyPayOrderClosedToOrder } from "@/server/services/orders/pay-order-closed";
import { closeAttemptAtChannel } from "./close-attempt";
import { payOrderView } from "./pay-order-view";
import { OPEN_ATTEMPT_STATUSES } from "@/server/domain/pay-order-states";

/**
 * Closes an order: first every open attempt at its channel (a consumer who paid meanwhile makes the
 * order PAID instead), then the order itself with a compare-and-set PENDING → CLOSED and the
 * `pay_order.closed` event. Used by the expiry job and by POST …/close.
 */
export async function closeOrder(payOrderNo: string): Promise<"CLOSED" | "PAID" | "NOT_PENDING"> {
  const open = await db.payment.findMany({ where: { payOrderNo, status: { in: [...OPEN_ATTEMPT_STATUSES] } } });
  for (const payment of open) await closeAttemptAtChannel(payment.attemptNo);

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${payOrderNo} FOR UPDATE`;
    const order = await tx.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
    if (order.status !== "PENDING") return order.status === "CLOSED" ? "NOT_PENDING" : "PAID";
    const stillOpen = await tx.payment.count({ where: { payOrderNo, status: { in: [...OPEN_ATTEMPT_STATUSES] } } });
    if (stillOpen > 0) throw new AppError("CHANNEL_UNAVAILABLE", "an attempt could not be closed at its channel yet");
    const closed = await closePayOrderInTx(tx, order);
    // closed unpaid: the order center's order it was to pay is cancelled in this transaction (pay-order-closed.ts)
    await applyPayOrderClosedToOrder(tx, closed);
    return "CLOSED";
  });
}

/**
 * Closes a pending pay order the caller has locked and whose attempts are all ended: CLOSED and the
 * `pay_order.closed` event, in the caller's transaction. What the close means for its order is the
 * caller's to decide (closeOrder: the order center's hook; a trade closing the order's full pay order: nothing).
 */
export async function closePayOrderInTx(tx: Tx, order: PayOrder): Promise<PayOrder> {
  const closed = await tx.payOrder.update({ where: { payOrderNo: order.payOrderNo }, data: { status: "CLOSED", closedAt: new Date() } });
  const attempts = await tx.payment.findMany({ where: { payOrderNo: order.payOrderNo } });
  await recordEvent(tx, { merchantId: order.merchantId, appId: order.appId, type: "pay_order.closed", payOrderNo: order.payOrderNo, orderNo: order.orderNo ?? undefined, data: payOrderView(closed, attempts) });
  return closed;
}

/** The expiry job: at expiresAt, close what is still pending. */
export async function expireOrder(payOrderNo: string): Promise<void> {
  const order = await db.payOrder.findUnique({ where: { payOrderNo }, select: { status: true } });
  if (order?.status !== "PENDING") return;
  await closeOrder(payOrderNo);
}
