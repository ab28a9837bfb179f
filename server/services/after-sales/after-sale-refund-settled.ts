import type { Tx } from "@/server/db";
import { enqueueJob } from "@/server/jobs/enqueue";
import { issueAfterSaleRefundsJob } from "@/server/jobs/tasks/after-sale-jobs";
import { recordEvent } from "@/server/services/events/record-event";
import { afterSaleView } from "@/server/services/orders/order-view";

/**
 * The after-sale's side of a refund the payment center settled, in the transaction that settles it:
 * a success adds to the after-sale's refunded amount and, once it is all back, moves it REFUNDING →
 * REFUNDED (compare-and-set: once) with `after_sale.refunded`; a failure asks the refund job again
 * for a replacement refund.
 */
export async function afterSaleRefundSettled(tx: Tx, refund: { afterSaleId: string | null; amount: bigint }, outcome: "SUCCEEDED" | "FAILED") {
  const afterSaleId = refund.afterSaleId;
  if (!afterSaleId) return;
  if (outcome === "FAILED") {
    await enqueueJob(tx, issueAfterSaleRefundsJob, { afterSaleId }, { runAt: new Date(Date.now() + 60_000), jobKey: `after-sale-refunds:${afterSaleId}` });
    return;
  }
  await addAfterSaleRefunded(tx, afterSaleId, refund.amount);
}

/**
 * Money of the after-sale is back (a refund that settled, or a traded order's wallet and points parts,
 * given back at once): its refundedAmount grows and, once it is all back, it moves REFUNDING → REFUNDED
 * (compare-and-set: once) with `after_sale.refunded`.
 */
export async function addAfterSaleRefunded(tx: Tx, afterSaleId: string, amount: bigint): Promise<void> {
  await tx.afterSale.update({ where: { afterSaleId }, data: { refundedAmount: { increment: amount } } });
  const done = await tx.$executeRaw`
    UPDATE "AfterSale" SET status = 'REFUNDED', "updatedAt" = now()
    WHERE "afterSaleId" = ${afterSaleId} AND status = 'REFUNDING' AND "refundedAmount" >= amount`;
  if (done !== 1) return;
  const afterSale = await tx.afterSale.findUniqueOrThrow({ where: { afterSaleId } });
  await recordEvent(tx, { merchantId: afterSale.merchantId, appId: afterSale.appId, type: "after_sale.refunded", orderNo: afterSale.orderNo, data: afterSaleView(afterSale) });
}
