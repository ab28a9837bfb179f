import type { Tx } from "@/server/db";
import { type OrderFlow, type OrderStatus, shipByOnEntering } from "@/server/domain/order-flows";
import type { Order, PayOrder } from "@/server/generated/prisma/client.ts";
import { walletTopUpPaid } from "@/server/services/buyers/wallet-top-up-paid";
import { openPayOrderInTx } from "@/server/services/payments/create-pay-order";
import { addTimeline, lockOrder, moveOrder, recordOrderEvent } from "./order-records";
import { refundPayOrderOfCancelledOrder } from "./order-refunds";
import { tradeChannelPaid } from "@/server/services/trades/trade-hooks";

/**
 * The payment center calls this in the transaction that makes a pay order PAID (apply-trade-result.ts),
 * with the pay order locked: the order it pays moves in the same transaction, so an order is never
 * PAID while its pay order is not, nor the other way round. Its paidAmount grows; a paid deposit
 * makes it DEPOSIT_PAID and opens the balance pay order; the last payment makes it PAID. A payment
 * that lands on a cancelled order (it came after the cancel or the timeout) is refunded in full at once.
 */
export async function applyPayOrderPaidToOrder(tx: Tx, payOrder: PayOrder): Promise<void> {
  if (payOrder.purpose === "top_up") return walletTopUpPaid(tx, payOrder);
  if (!payOrder.orderNo || !payOrder.purpose) return;
  const order = await lockOrder(tx, payOrder.orderNo);
  if (!order) return;
  // A trade's channel part: the trade center confirms (or, too late, refunds) it (trade-hooks.ts). It counts
  // in the order's paidAmount only with the trade's other parts, when the trade succeeds (drive-trade.ts).
  if (payOrder.purpose === "trade") {
    await tradeChannelPaid(tx, payOrder, order);
    if (order.status === "CANCELLED") await refundPayOrderOfCancelledOrder(tx, order, payOrder, "paid after the order was cancelled");
    return;
  }
  await tx.order.update({ where: { orderNo: order.orderNo }, data: { paidAmount: { increment: payOrder.paidAmount } } });
  // The full pay order a trade closed, paid at its channel after all: the trade pays the order; this goes back.
  if (payOrder.purpose === "full" && (await tx.trade.count({ where: { orderNo: order.orderNo } })) > 0) {
    await refundPayOrderOfCancelledOrder(tx, order, payOrder, "paid after a trade took over the order");
    return;
  }

  if (order.status === "CANCELLED") {
    await refundPayOrderOfCancelledOrder(tx, order, payOrder, "paid after the order was cancelled");
    return;
  }
  if (payOrder.purpose === "deposit" && order.status === "PENDING_PAYMENT") return depositPaid(tx, order, payOrder);
  if ((payOrder.purpose === "full" && order.status === "PENDING_PAYMENT") || (payOrder.purpose === "balance" && order.status === "DEPOSIT_PAID")) {
    return orderPaid(tx, order, payOrder);
  }
}

async function depositPaid(tx: Tx, order: Order, payOrder: PayOrder): Promise<void> {
  if (!(await moveOrder(tx, order, "PENDING_PAYMENT", "DEPOSIT_PAID"))) return;
  await addTimeline(tx, order.orderNo, "DEPOSIT_PAID", "payment");
  const dueAt = order.balanceDueAt ?? new Date(Date.now() + order.expireInSeconds * 1000);
  await openPayOrderInTx(tx, { id: order.appId, merchantId: order.merchantId }, {
    mchOrderNo: `${order.orderNo}-balance`,
    amount: order.payableAmount - (order.depositAmount ?? 0n),
    subject: payOrder.subject,
    metadata: (payOrder.metadata as Record<string, string> | null) ?? undefined,
    expireInSeconds: Math.max(1, Math.ceil((dueAt.getTime() - Date.now()) / 1000)),
    expiresAt: dueAt,
    orderNo: order.orderNo,
    purpose: "balance",
  });
  await recordOrderEvent(tx, order, "order.status_changed", { previousStatus: order.status as OrderStatus });
}

async function orderPaid(tx: Tx, order: Order, payOrder: PayOrder): Promise<void> {
  await orderPaidBy(tx, order, payOrder.paidAt ?? new Date());
}

/** The order is paid (its last pay order, or a trade that succeeded): PAID, its shipping clock, timeline and event. */
export async function orderPaidBy(tx: Tx, order: Order, paidAt: Date): Promise<void> {
  const app = await tx.app.findUniqueOrThrow({ where: { id: order.appId }, select: { shipWithinHours: true } });
  if (!(await moveOrder(tx, order, order.status as OrderStatus, "PAID", { paidAt, shipBy: shipByOnEntering(order.flow as OrderFlow, "PAID", paidAt, app.shipWithinHours) }))) return;
  await addTimeline(tx, order.orderNo, "PAID", "payment");
  await recordOrderEvent(tx, order, "order.status_changed", { previousStatus: order.status as OrderStatus });
}
