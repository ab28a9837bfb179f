import { db } from "@/server/db";
import { createRefund } from "@/server/services/refunds/create-refund";
import { refundSources } from "./refund-sources";

/** Refunds that are, or may still become, money back (a failed or rejected one is replaced). */
const LIVE_REFUND = (status: string) => status !== "FAILED" && status !== "REJECTED";

/** After this many refunds of one after-sale failed, a person has to look at it (the console). */
export const MAX_FAILED_REFUNDS = 5;

/**
 * The job behind an approval: refunds an after-sale in REFUNDING through the payment center, from
 * the order's paid pay orders (the parent's for a split child), the latest first, as ordinary refunds
 * (`mchRefundNo` `<afterSaleId>-<n>`, Refund.afterSaleId and orderNo set). Safe to run again at any
 * point: what the after-sale's live refunds already cover is not refunded twice, and two runs racing
 * claim the same `mchRefundNo`, which the payment center creates once.
 */
export async function issueAfterSaleRefunds(afterSaleId: string): Promise<void> {
  const afterSale = await db.afterSale.findUnique({ where: { afterSaleId } });
  if (!afterSale || afterSale.status !== "REFUNDING") return;
  for (;;) {
    const refunds = await db.refund.findMany({ where: { afterSaleId }, select: { amount: true, status: true } });
    if (refunds.filter((r) => !LIVE_REFUND(r.status)).length >= MAX_FAILED_REFUNDS) return;
    const left = afterSale.amount - refunds.filter((r) => LIVE_REFUND(r.status)).reduce((sum, r) => sum + r.amount, 0n);
    if (left <= 0n) return;
    const source = (await refundSources(db, afterSale.orderNo)).find((s) => s.refundable > 0n);
    if (!source) throw new Error(`after-sale ${afterSaleId}: the order's pay orders have nothing left to refund`);
    const amount = left < source.refundable ? left : source.refundable;
    await createRefund(
      { id: afterSale.appId, refundReviewThreshold: null }, // approving the after-sale was the review
      { payOrderNo: source.payOrderNo, mchRefundNo: `${afterSaleId}-${refunds.length + 1}`, amount, reason: afterSale.reason ?? `after-sale ${afterSale.afterSaleNo}` },
      {
        afterCreate: async (tx, refund) => {
          await tx.refund.update({ where: { refundNo: refund.refundNo }, data: { afterSaleId, orderNo: afterSale.orderNo } });
        },
      },
    );
  }
}
