import { db } from "@/server/db";
import { isPaidPayOrder } from "@/server/domain/pay-order-states";

const PAY_ORDER_NO = /^P\d{17}[0-9A-HJKMNP-TV-Z]{8}$/;

/**
 * What the filing page shows of the payment it is about (the receipt's or the portal's pay order): the
 * merchant, subject, amount and what is left to refund. Null for a number that names no order.
 */
export async function getComplaintContext(payOrderNo: string) {
  if (!PAY_ORDER_NO.test(payOrderNo)) return null;
  const order = await db.payOrder.findUnique({
    where: { payOrderNo },
    select: { payOrderNo: true, subject: true, amount: true, currency: true, status: true, paidAmount: true, refundedAmount: true, refundingAmount: true, paidAt: true, merchant: { select: { name: true } } },
  });
  if (!order) return null;
  const refundable = order.paidAmount - order.refundedAmount - order.refundingAmount;
  return {
    payOrderNo: order.payOrderNo,
    merchantName: order.merchant.name,
    subject: order.subject,
    amount: order.amount,
    currency: order.currency,
    paidAt: order.paidAt,
    paid: isPaidPayOrder(order.status),
    refundable: refundable > 0n ? refundable : 0n,
  };
}
