import type { Tx } from "@/server/db";
import type { PayOrder } from "@/server/generated/prisma/client.ts";
import { logger } from "@/server/observability/logger";
import { moveAsset } from "@/server/services/trades/buyer-assets";

/**
 * The payment center made a top-up's pay order PAID (pay-order-paid.ts, in that transaction, the pay
 * order locked): the top-up becomes CREDITED with a compare-and-set and the buyer's wallet is credited
 * once (journal dedupeKey `wallet_top_up:<payOrderNo>`). A top-up CLOSED because its pay order expired
 * is credited all the same when the consumer turns out to have paid (the payment center then makes the
 * CLOSED pay order PAID: the money moved). A second callback finds the pay order paid and never gets here;
 * were it to, the compare-and-set would change nothing.
 */
export async function walletTopUpPaid(tx: Tx, payOrder: PayOrder): Promise<void> {
  const topUp = await tx.walletTopUp.findUnique({ where: { payOrderNo: payOrder.payOrderNo } });
  if (!topUp) {
    logger.error({ payOrderNo: payOrder.payOrderNo }, "a top_up pay order without its wallet top-up was paid");
    return;
  }
  const paidAt = payOrder.paidAt ?? new Date();
  const credited = await tx.walletTopUp.updateMany({
    where: { id: topUp.id, status: { in: ["PENDING", "CLOSED"] } },
    data: { status: "CREDITED", creditedAt: paidAt },
  });
  if (credited.count !== 1) return;
  await moveAsset(tx, {
    merchantId: topUp.merchantId,
    appId: topUp.appId,
    buyerId: topUp.buyerId,
    asset: "wallet",
    op: "top_up",
    amount: topUp.amount,
    dedupeKey: `wallet_top_up:${payOrder.payOrderNo}`,
    payOrderNo: payOrder.payOrderNo,
    memo: `top-up ${topUp.topUpNo}`,
    at: paidAt,
  });
}

/** The top-up's pay order closed unpaid (pay-order-closed.ts): PENDING → CLOSED; the wallet is not touched. */
export async function walletTopUpClosed(tx: Tx, payOrder: PayOrder): Promise<void> {
  await tx.walletTopUp.updateMany({ where: { payOrderNo: payOrder.payOrderNo, status: "PENDING" }, data: { status: "CLOSED" } });
}
