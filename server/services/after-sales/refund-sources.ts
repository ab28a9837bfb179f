import type { Tx } from "@/server/db";
import { PAID_PAY_ORDER_STATUSES } from "@/server/domain/pay-order-states";

/**
 * The order whose pay orders paid `orderNo`: itself, or — for a child of a split, however deep — the
 * parent that was paid. A child's cancel and after-sales refund from these pay orders.
 */
export async function payingOrderNo(tx: Tx, orderNo: string): Promise<string> {
  let current = orderNo;
  for (let depth = 0; depth < 16; depth++) {
    const order = await tx.order.findUnique({ where: { orderNo: current }, select: { parentOrderNo: true } });
    if (!order?.parentOrderNo) return current;
    current = order.parentOrderNo;
  }
  return current;
}

/** The paid pay orders an order's refunds are taken from, the latest first, with what each has left to refund. */
export async function refundSources(tx: Tx, orderNo: string) {
  const payer = await payingOrderNo(tx, orderNo);
  const payOrders = await tx.payOrder.findMany({
    where: { orderNo: payer, status: { in: [...PAID_PAY_ORDER_STATUSES] } },
    orderBy: [{ paidAt: "desc" }, { createdAt: "desc" }],
    select: { payOrderNo: true, paidAmount: true, refundedAmount: true, refundingAmount: true },
  });
  return payOrders.map((p) => ({ payOrderNo: p.payOrderNo, refundable: p.paidAmount - p.refundedAmount - p.refundingAmount }));
}
