import type { ApiApp } from "@/server/apps/app-cache";
import { db, type Tx } from "@/server/db";
import { isCancellable, type OrderStatus } from "@/server/domain/order-flows";
import type { CancelOrderInput } from "@/server/domain/order-schema";
import { ORDER_NO_SHAPE } from "@/server/domain/order-schema";
import { AppError } from "@/server/errors";
import type { Order, OrderCancelReason } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { expireOrder } from "@/server/jobs/tasks/payment-jobs";
import { logger } from "@/server/observability/logger";
import { closeOrder } from "@/server/services/payments/expire-pay-order";
import { orderHasConfirmingTrade } from "@/server/services/trades/trade-hooks";
import { addTimeline, lockOrderWithPayOrders, moveOrder, recordOrderEvent } from "./order-records";
import { refundChildOfSplit, refundPayOrderOfCancelledOrder, refundTradeAssetsOfCancelledOrder } from "./order-refunds";
import { loadOrderView, type OrderView } from "./order-view";

export type CancelCause = { reason: OrderCancelReason; note?: string | null; by: string };

const REFUND_REASON: Record<OrderCancelReason, string> = {
  requested: "order cancelled",
  payment_timeout: "order cancelled: not paid in time",
  balance_timeout: "order cancelled: balance not paid in time",
  risk_rejected: "order cancelled: rejected in risk review",
};

/**
 * Cancels an order whose pay orders and row the caller has locked (lockOrderWithPayOrders), in its
 * transaction: compare-and-set to CANCELLED, the timeline, `order.status_changed` and `order.cancelled`;
 * every paid pay order refunded in full (a kept presale deposit aside; a split child's share from its
 * parent's pay orders); every open pay order closed by
 * the payment center's expiry job, added here (a payment that lands before it closes is refunded when
 * it lands: pay-order-paid.ts). False when the order was not in a cancellable status.
 */
export async function cancelLockedOrder(tx: Tx, order: Order, cause: CancelCause): Promise<boolean> {
  if (!isCancellable(order.status as OrderStatus)) return false;
  const moved = await moveOrder(tx, order, order.status as OrderStatus, "CANCELLED", { cancelReason: cause.reason, cancelNote: cause.note ?? null });
  if (!moved) return false;
  await addTimeline(tx, order.orderNo, "CANCELLED", cause.by, { note: cause.note });
  if (order.parentOrderNo) await refundChildOfSplit(tx, order, REFUND_REASON[cause.reason]);
  const payOrders = await tx.payOrder.findMany({ where: { orderNo: order.orderNo } });
  for (const payOrder of payOrders) {
    if (payOrder.status === "PENDING") {
      await enqueueJob(tx, expireOrder, { payOrderNo: payOrder.payOrderNo }, { jobKey: `expire-order:${payOrder.payOrderNo}` });
      continue;
    }
    const keepDeposit = cause.reason === "balance_timeout" && payOrder.purpose === "deposit" && !order.depositRefundable;
    if (!keepDeposit) await refundPayOrderOfCancelledOrder(tx, order, payOrder, REFUND_REASON[cause.reason]);
  }
  if (!order.parentOrderNo) await refundTradeAssetsOfCancelledOrder(tx, order, REFUND_REASON[cause.reason]);
  await recordOrderEvent(tx, order, "order.status_changed", { previousStatus: order.status as OrderStatus });
  await recordOrderEvent(tx, order, "order.cancelled", { previousStatus: order.status as OrderStatus });
  return true;
}

/** Closes the order's open pay orders now (the job added by the cancel would, a moment later); a failure leaves it to the job. */
export async function closeOpenPayOrders(orderNo: string): Promise<void> {
  const open = await db.payOrder.findMany({ where: { orderNo, status: "PENDING" }, select: { payOrderNo: true } });
  for (const { payOrderNo } of open) {
    try {
      await closeOrder(payOrderNo);
    } catch (error) {
      logger.warn({ err: error, payOrderNo }, "closing a cancelled order's pay order failed; its job retries");
    }
  }
}

/**
 * POST /api/v1/orders/{orderNo}/cancel (and the console's cancel). A cancelled order answers 200
 * unchanged; a status past the warehouse is 409 ORDER_NOT_CANCELLABLE.
 */
export async function cancelOrder(app: Pick<ApiApp, "id">, orderNo: string, input: CancelOrderInput, by = "api"): Promise<OrderView> {
  if (!ORDER_NO_SHAPE.test(orderNo)) throw new AppError("ORDER_NOT_FOUND", "order not found");
  const changed = await db.$transaction(async (tx) => {
    const order = await lockOrderWithPayOrders(tx, app.id, orderNo);
    if (order.status === "CANCELLED") return false;
    if (await orderHasConfirmingTrade(tx, orderNo)) throw new AppError("TRADE_IN_PROGRESS", "the order's trade is being confirmed; try again in a moment");
    const cancelled = await cancelLockedOrder(tx, order, { reason: "requested", note: input.reason ?? null, by });
    if (!cancelled) throw new AppError("ORDER_NOT_CANCELLABLE", `an order in ${order.status} can no longer be cancelled`);
    return true;
  });
  if (changed) await closeOpenPayOrders(orderNo);
  return loadOrderView(db, app.id, orderNo);
}
