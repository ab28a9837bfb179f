import type { Tx } from "@/server/db";
import type { Order } from "@/server/generated/prisma/client.ts";
import { refundSources } from "@/server/services/after-sales/refund-sources";
import { insertRefundInTx, refundParamsHash } from "@/server/services/refunds/create-refund";

/**
 * A cancelled child of a split has no pay orders of its own: what it was paid (its share of the
 * parent's payment, less what was refunded) is refunded from the parent's paid pay orders, the latest
 * first, as ordinary refunds `<childOrderNo>-cancel-<n>` naming the child (so refundedAmount grows on
 * the child). In the cancel's transaction, which moved the child to CANCELLED once (compare-and-set).
 */
export async function refundCancelledSplitChild(tx: Tx, order: Pick<Order, "orderNo" | "paidAmount" | "refundedAmount">, reason: string): Promise<void> {
  const pending = await tx.refund.findMany({ where: { orderNo: order.orderNo, status: { in: ["PROCESSING", "PENDING_REVIEW"] } }, select: { amount: true } });
  let left = order.paidAmount - order.refundedAmount - pending.reduce((sum, r) => sum + r.amount, 0n);
  let n = (await tx.refund.count({ where: { orderNo: order.orderNo, mchRefundNo: { startsWith: `${order.orderNo}-cancel-` } } })) + 1;
  for (const source of await refundSources(tx, order.orderNo)) {
    if (left <= 0n) return;
    const amount = left < source.refundable ? left : source.refundable;
    if (amount <= 0n) continue;
    const payOrder = await tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: source.payOrderNo } });
    const refund = await insertRefundInTx(tx, payOrder, {
      mchRefundNo: `${order.orderNo}-cancel-${n}`,
      amount,
      reason,
      paramsHash: refundParamsHash({ payOrderNo: payOrder.payOrderNo, amount, reason }),
      needsReview: false,
      orderNo: order.orderNo,
    });
    if (refund) {
      left -= amount;
      n += 1;
    }
  }
}
