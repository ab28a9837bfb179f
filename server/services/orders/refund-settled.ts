import type { Tx } from "@/server/db";
import type { Refund } from "@/server/generated/prisma/client.ts";
import { afterSaleRefundSettled } from "@/server/services/after-sales/after-sale-refund-settled";
import { tradeChannelRefundSettled } from "@/server/services/trades/trade-refunds";

/**
 * The payment center calls this in the transaction that settles a refund (apply-refund-result.ts),
 * once per refund (the caller's compare-and-set on the refund guarantees it). A success adds to the
 * refundedAmount of the order it was made for — the order center's own refunds (cancel, late payment,
 * after-sale) name it, a child order of a split included, though the money goes back through its
 * parent's pay order; one the merchant made through POST /api/v1/refunds counts for the order its pay
 * order pays — a trade's channel pay order only when that trade succeeded (a failed trade's payment never
 * counted: drive-trade.ts). A refund of the channel pay order of a trade that paid the order also adds to the
 * trade's channel part, and returns the coupon if it was the last money out (trade-refunds.ts). The
 * after-sale it was made for, if any, follows (after-sale-refund-settled.ts).
 */
export async function orderCenterRefundSettled(tx: Tx, refund: Refund, outcome: "SUCCEEDED" | "FAILED"): Promise<void> {
  if (outcome === "SUCCEEDED") {
    const payOrder = await tx.payOrder.findUnique({ where: { payOrderNo: refund.payOrderNo }, select: { orderNo: true, purpose: true } });
    const orderNo = refund.orderNo ?? payOrder?.orderNo;
    // A trade's channel payment counts for its order only if the trade succeeded; so do its refunds.
    const counts = payOrder?.purpose !== "trade" || (await tx.trade.count({ where: { payOrderNo: refund.payOrderNo, status: "SUCCEEDED" } })) > 0;
    if (orderNo && counts) await tx.order.update({ where: { orderNo }, data: { refundedAmount: { increment: refund.amount } } });
    if (payOrder?.purpose === "trade") await tradeChannelRefundSettled(tx, refund);
  }
  await afterSaleRefundSettled(tx, refund, outcome);
}
