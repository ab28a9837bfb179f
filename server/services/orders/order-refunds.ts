import type { Tx } from "@/server/db";
import type { Order, PayOrder } from "@/server/generated/prisma/client.ts";
import { insertRefundInTx, refundParamsHash } from "@/server/services/refunds/create-refund";

const PAID_STATUSES = new Set(["PAID", "PARTIALLY_REFUNDED"]);

/**
 * The order center's own refunds (OPEN-API.md, cancel): a paid pay order of a cancelled order is
 * refunded in full — what is left of it — with an ordinary refund of the payment center,
 * `mchRefundNo` `<orderNo>-cancel-<n>`, n the pay order's place among the order's pay orders (1-based).
 * So each pay order is refunded at most once, whichever path gets there first (cancel, a payment
 * that lands after the cancel, a timeout): the refund's unique number decides. Inside the caller's
 * transaction, with the pay order locked by it. No review: the merchant asked for it by cancelling.
 */
export async function refundPayOrderOfCancelledOrder(tx: Tx, order: Pick<Order, "orderNo">, payOrder: PayOrder, reason: string): Promise<boolean> {
  if (!PAID_STATUSES.has(payOrder.status) || !payOrder.paidAttemptNo) return false;
  const amount = payOrder.paidAmount - payOrder.refundedAmount - payOrder.refundingAmount;
  if (amount <= 0n) return false;
  const siblings = await tx.payOrder.findMany({ where: { orderNo: order.orderNo }, select: { payOrderNo: true }, orderBy: [{ createdAt: "asc" }, { payOrderNo: "asc" }] });
  const n = siblings.findIndex((sibling) => sibling.payOrderNo === payOrder.payOrderNo) + 1;
  const mchRefundNo = `${order.orderNo}-cancel-${n}`;
  if (await tx.refund.findUnique({ where: { appId_mchRefundNo: { appId: payOrder.appId, mchRefundNo } }, select: { refundNo: true } })) return false;
  const refund = await insertRefundInTx(tx, payOrder, {
    mchRefundNo,
    amount,
    reason,
    paramsHash: refundParamsHash({ payOrderNo: payOrder.payOrderNo, amount, reason }),
    needsReview: false,
    orderNo: order.orderNo,
  });
  return refund !== null;
}
