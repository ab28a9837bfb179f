import { db } from "@/server/db";
import { lockOrder } from "@/server/services/orders/order-records";
import { createRefund } from "@/server/services/refunds/create-refund";
import { refundTradedOrder, tradeOfOrder } from "@/server/services/trades/trade-refunds";
import { TRADE_TX_OPTIONS } from "@/server/services/trades/trade-tx";
import { addAfterSaleRefunded } from "./after-sale-refund-settled";
import { payingOrderNo, refundSources } from "./refund-sources";

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
  if (await tradeOfOrder(db, afterSale.orderNo)) return issueTradedAfterSaleRefunds(afterSaleId);
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

/**
 * The same for an order paid by a trade (OPEN-API.md: channel first, then wallet, then points), in
 * one transaction holding the pay orders, the order and the after-sale locked: what is left of the
 * after-sale (amount − refunded − refunds on their way) goes to the channel pay order as far as it
 * can still refund (`<afterSaleId>-<n>`, settled later), the rest to the wallet and the points at once
 * (they add to the after-sale's refunded amount now; REFUNDED when it is all back). A channel refund
 * that fails is replaced by the channel again when this runs next (its amount is refundable on the
 * pay order again), never by the wallet. Running it twice places nothing twice: the second run sees
 * what the first placed (refunded, or on its way).
 */
export async function issueTradedAfterSaleRefunds(afterSaleId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const head = await tx.afterSale.findUnique({ where: { afterSaleId }, select: { orderNo: true } });
    if (!head) return;
    await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "orderNo" = ${await payingOrderNo(tx, head.orderNo)} ORDER BY "payOrderNo" FOR UPDATE`;
    const order = await lockOrder(tx, head.orderNo);
    await tx.$queryRaw`SELECT 1 FROM "AfterSale" WHERE "afterSaleId" = ${afterSaleId} FOR UPDATE`;
    const afterSale = await tx.afterSale.findUniqueOrThrow({ where: { afterSaleId } });
    if (!order || afterSale.status !== "REFUNDING") return;
    const refunds = await tx.refund.findMany({ where: { afterSaleId }, select: { amount: true, status: true } });
    if (refunds.filter((r) => !LIVE_REFUND(r.status)).length >= MAX_FAILED_REFUNDS) return;
    const onTheirWay = refunds.filter((r) => r.status === "PROCESSING" || r.status === "PENDING_REVIEW").reduce((sum, r) => sum + r.amount, 0n);
    const left = afterSale.amount - afterSale.refundedAmount - onTheirWay;
    if (left <= 0n) return;
    const step = `${afterSaleId}-${refunds.length + 1}`;
    const plan = await refundTradedOrder(tx, order, left, { key: step, mchRefundNo: step, reason: afterSale.reason ?? `after-sale ${afterSale.afterSaleNo}`, afterSaleId });
    const atOnce = plan ? plan.wallet + plan.points.fen : 0n;
    if (atOnce > 0n) await addAfterSaleRefunded(tx, afterSaleId, atOnce);
  }, TRADE_TX_OPTIONS); // it queues on the buyer's account row like the buyer's trades
}
