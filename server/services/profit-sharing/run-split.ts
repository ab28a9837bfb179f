import { db } from "@/server/db";
import { isPaidPayOrder } from "@/server/domain/pay-order-states";
import { allocateSplit, splitBase } from "@/server/domain/profit-sharing";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { insertSplitInTx } from "./create-split";

/**
 * The automatic split of a paid order frozen for sharing (job `auto-split`, PROFIT_SHARING_DELAY_SECONDS
 * after payment): the app's enabled rules that match the order, on the merchant's income
 * (paid − channel fee − refunded), capped at 30 % (server/domain/profit-sharing.ts), to receivers
 * ACTIVE at the payment's channel account. Written as one AUTO split that also releases the rest
 * (finish). Nothing matching → nothing (the channel unfreezes by itself after 180 days).
 * Runs once per order: a second run finds the AUTO split and stops.
 */
export async function runAutoSplit(payOrderNo: string): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${payOrderNo} FOR UPDATE`;
      const order = await tx.payOrder.findUnique({ where: { payOrderNo } });
      if (!order || !order.profitSharing || !isPaidPayOrder(order.status) || !order.paidAttemptNo || order.splitFinishedAt) return;
      const done = await tx.profitSplit.findFirst({ where: { payOrderNo, source: "AUTO" }, select: { splitNo: true } });
      if (done) return;
      const payment = await tx.payment.findUniqueOrThrow({ where: { attemptNo: order.paidAttemptNo }, select: { channelAccountId: true, feeAmount: true } });
      const rules = await tx.profitShareRule.findMany({ where: { appId: order.appId, enabled: true }, orderBy: { createdAt: "asc" } });
      const receivers = await tx.profitShareReceiver.findMany({
        where: { id: { in: rules.map((r) => r.receiverId) }, channelAccountId: payment.channelAccountId, status: "ACTIVE" },
        select: { id: true },
      });
      const usable = new Set(receivers.map((r) => r.id));
      const base = splitBase(order.paidAmount, payment.feeAmount ?? 0n, order.refundedAmount + order.refundingAmount);
      const lines = allocateSplit(
        rules.filter((r) => usable.has(r.receiverId)),
        base,
        order.metadata,
      );
      if (lines.length === 0) return;
      await insertSplitInTx(tx, {
        scope: { appId: order.appId },
        payOrderNo,
        source: "AUTO",
        receivers: lines.map((l) => ({ receiverId: l.receiverId, amount: l.amount })),
        finish: true,
      });
    });
  } catch (error) {
    // Refunded meanwhile, or released by an API split: nothing to split any more.
    if (error instanceof AppError) {
      logger.info({ payOrderNo, code: error.code }, "automatic split skipped");
      return;
    }
    throw error;
  }
}
