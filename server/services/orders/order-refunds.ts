import type { Tx } from "@/server/db";
import type { Order, PayOrder } from "@/server/generated/prisma/client.ts";
import { refundSources } from "@/server/services/after-sales/refund-sources";
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

/**
 * A cancelled child of a split has no pay orders of its own: what it was paid (its pro-rata share)
 * and has not had back yet goes back from the parent's paid pay orders, the latest first, as
 * ordinary refunds `<childOrderNo>-cancel-<n>` naming the child (so its refundedAmount grows as they
 * settle). In the cancel's transaction; each refund's reservation is a compare-and-set on its pay order.
 */
export async function refundChildOfSplit(tx: Tx, order: Pick<Order, "orderNo" | "paidAmount">, reason: string): Promise<void> {
  const live = await tx.refund.findMany({ where: { orderNo: order.orderNo, status: { notIn: ["FAILED", "REJECTED"] } }, select: { amount: true, mchRefundNo: true } });
  let left = order.paidAmount - live.reduce((sum, refund) => sum + refund.amount, 0n);
  let n = live.filter((refund) => refund.mchRefundNo.startsWith(`${order.orderNo}-cancel-`)).length;
  for (const source of await refundSources(tx, order.orderNo)) {
    if (left <= 0n) return;
    if (source.refundable <= 0n) continue;
    const payOrder = await tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: source.payOrderNo } });
    const amount = left < source.refundable ? left : source.refundable;
    const mchRefundNo = `${order.orderNo}-cancel-${++n}`;
    const refund = await insertRefundInTx(tx, payOrder, {
      mchRefundNo,
      amount,
      reason,
      paramsHash: refundParamsHash({ payOrderNo: payOrder.payOrderNo, amount, reason }),
      needsReview: false,
      orderNo: order.orderNo,
    });
    if (refund) left -= amount;
  }
}
