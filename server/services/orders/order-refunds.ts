import type { Tx } from "@/server/db";
import type { Order, PayOrder } from "@/server/generated/prisma/client.ts";
import { refundSources } from "@/server/services/after-sales/refund-sources";
import { insertRefundInTx, refundParamsHash } from "@/server/services/refunds/create-refund";
import { refundRestOfTradedOrder, refundTradedOrder, tradeOfOrder } from "@/server/services/trades/trade-refunds";

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
  const mchRefundNo = await cancelRefundNo(tx, order.orderNo, payOrder.payOrderNo);
  if (await tx.refund.findUnique({ where: { appId_mchRefundNo: { appId: payOrder.appId, mchRefundNo } }, select: { refundNo: true } })) return false;
  return cancelRefund(tx, payOrder, order.orderNo, mchRefundNo, amount, reason);
}

/** A cancel refund's number: `<orderNo>-cancel-<n>`, n the pay order's place among the order's pay orders (1-based). */
export async function cancelRefundNo(tx: Tx, orderNo: string, payOrderNo: string): Promise<string> {
  const siblings = await tx.payOrder.findMany({ where: { orderNo }, select: { payOrderNo: true }, orderBy: [{ createdAt: "asc" }, { payOrderNo: "asc" }] });
  const n = siblings.findIndex((sibling) => sibling.payOrderNo === payOrderNo) + 1;
  return `${orderNo}-cancel-${n}`;
}

/** One refund of a cancel, naming the order it is for; no review (the cancel was the decision). */
async function cancelRefund(tx: Tx, payOrder: PayOrder, orderNo: string, mchRefundNo: string, amount: bigint, reason: string): Promise<boolean> {
  const refund = await insertRefundInTx(tx, payOrder, {
    mchRefundNo,
    amount,
    reason,
    paramsHash: refundParamsHash({ payOrderNo: payOrder.payOrderNo, amount, reason }),
    needsReview: false,
    orderNo,
  });
  return refund !== null;
}

/**
 * A cancelled child of a split has no pay orders of its own: what it was paid (its pro-rata share)
 * and has not had back yet goes back from the parent's paid pay orders, the latest first, as
 * ordinary refunds `<childOrderNo>-cancel-<n>` naming the child (so its refundedAmount grows as they
 * settle). In the cancel's transaction; each refund's reservation is a compare-and-set on its pay order.
 */
export async function refundChildOfSplit(tx: Tx, order: Pick<Order, "orderNo" | "paidAmount" | "refundedAmount" | "merchantId" | "appId">, reason: string): Promise<void> {
  const live = await tx.refund.findMany({ where: { orderNo: order.orderNo, status: { notIn: ["FAILED", "REJECTED"] } }, select: { amount: true, mchRefundNo: true, status: true } });
  let left = order.paidAmount - live.reduce((sum, refund) => sum + refund.amount, 0n);
  let n = live.filter((refund) => refund.mchRefundNo.startsWith(`${order.orderNo}-cancel-`)).length;
  if (await tradeOfOrder(tx, order.orderNo)) {
    // paid by a trade: channel, then wallet, then points (what already went back to the wallet or points is in refundedAmount)
    const inFlight = live.filter((refund) => refund.status !== "SUCCEEDED").reduce((sum, refund) => sum + refund.amount, 0n);
    const rest = order.paidAmount - order.refundedAmount - inFlight;
    const key = `${order.orderNo}-cancel-${n + 1}`;
    if (rest > 0n) await refundTradedOrder(tx, order, rest, { key, mchRefundNo: key, reason });
    return;
  }
  for (const source of await refundSources(tx, order.orderNo)) {
    if (left <= 0n) return;
    if (source.refundable <= 0n) continue;
    const payOrder = await tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: source.payOrderNo } });
    const amount = left < source.refundable ? left : source.refundable;
    if (await cancelRefund(tx, payOrder, order.orderNo, `${order.orderNo}-cancel-${++n}`, amount, reason)) left -= amount;
  }
}

/**
 * A cancelled order paid by a trade: its channel pay order was refunded in full above like any paid
 * pay order (`<orderNo>-cancel-<n>`); the wallet and points parts follow now, in the cancel's
 * transaction, and the coupon once everything is back. Once: the cancel is a compare-and-set, and
 * what a part already gave back is not given again (its refundedAmount, the journal's dedupe keys).
 */
export async function refundTradeAssetsOfCancelledOrder(tx: Tx, order: Pick<Order, "orderNo" | "merchantId" | "appId">, reason: string): Promise<void> {
  const trade = await tradeOfOrder(tx, order.orderNo);
  const channelPayOrderNo = trade?.payOrderNo;
  const mchRefundNo = channelPayOrderNo ? await cancelRefundNo(tx, order.orderNo, channelPayOrderNo) : `${order.orderNo}-cancel`;
  await refundRestOfTradedOrder(tx, order, { key: `${order.orderNo}-cancel`, mchRefundNo, reason });
}
