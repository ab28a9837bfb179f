import type { Tx } from "@/server/db";
import type { Refund } from "@/server/generated/prisma/client.ts";

/**
 * The payment center calls this in the transaction that settles a refund (apply-refund-result.ts):
 * a refund of a pay order that pays an order — the order center's own (cancel, late payment,
 * after-sale) or one the merchant made through POST /api/v1/refunds — adds to the order's
 * refundedAmount, exactly once (the caller's compare-and-set on the refund guarantees it).
 */
export async function applyRefundToOrder(tx: Tx, refund: Refund): Promise<void> {
  const payOrder = await tx.payOrder.findUnique({ where: { payOrderNo: refund.payOrderNo }, select: { orderNo: true } });
  const orderNo = payOrder?.orderNo ?? refund.orderNo;
  if (!orderNo) return;
  await tx.order.update({ where: { orderNo }, data: { refundedAmount: { increment: refund.amount } } });
}
