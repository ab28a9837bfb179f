import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { closeOrder } from "@/server/services/payments/expire-pay-order";
import { getPosPayment } from "./get-pos-payment";
import type { PosMember } from "./pos-member";
import type { PosPayment } from "./pos-view";

/**
 * The clerk cancels a payment still waiting for the payer: its pay order is closed the payment center's way — the
 * open attempt is closed at its channel first (for a barcode payment: reversed / cancelled there), and a payer who
 * paid meanwhile makes it paid instead, never lost. The order center cancels the order with it. A payment that is
 * not waiting any more is answered as it is (the page shows that state).
 */
export async function cancelPosPayment(member: Pick<PosMember, "merchantId" | "role" | "storeIds">, orderNo: string): Promise<PosPayment> {
  const payment = await getPosPayment(member, orderNo);
  if (payment.status !== "waiting" || !payment.payOrderNo) return payment;
  const payOrder = await db.payOrder.findUnique({ where: { payOrderNo: payment.payOrderNo }, select: { status: true } });
  if (payOrder?.status === "PENDING") {
    try {
      await closeOrder(payment.payOrderNo);
    } catch (error) {
      // the channel could not be reached to close the attempt: nothing changed here; the clerk may try again
      if (error instanceof AppError && error.code === "CHANNEL_UNAVAILABLE") throw new AppError("CHANNEL_UNAVAILABLE", "cancelNotYet", { cause: error });
      throw error;
    }
  }
  return getPosPayment(member, orderNo);
}
