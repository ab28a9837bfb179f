import { ChannelRejectedError } from "@/server/channels/errors";
import { db } from "@/server/db";
import { isCurrency } from "@/server/domain/money";
import { enqueueJob } from "@/server/jobs/enqueue";
import { syncRefund as syncRefundJob } from "@/server/jobs/tasks/payment-jobs";
import { logger } from "@/server/observability/logger";
import { channelForAccount } from "@/server/services/payments/channel-for-account";
import { applyRefundResult } from "./apply-refund-result";

/**
 * Sends a PROCESSING refund to its channel (job). The channel's out_refund_no is our refundNo, so
 * a retry after a lost answer cannot refund twice. Accepted but unsettled → status sync; refused →
 * FAILED; unreachable → thrown, and the job retries with backoff.
 */
export async function executeRefund(refundNo: string): Promise<void> {
  const refund = await db.refund.findUnique({ where: { refundNo }, include: { payment: true } });
  if (!refund || refund.status !== "PROCESSING") return;
  const { plugin, ctx } = await channelForAccount(refund.payment.channelAccountId);
  let result;
  try {
    result = await plugin.refund(ctx, {
      outTradeNo: refund.attemptNo,
      channelTradeNo: refund.payment.channelTradeNo ?? undefined,
      outRefundNo: refund.refundNo,
      refundAmount: refund.amount,
      totalAmount: refund.payment.amount,
      currency: isCurrency(refund.currency) ? refund.currency : "CNY",
      reason: refund.reason ?? undefined,
    });
  } catch (error) {
    if (error instanceof ChannelRejectedError) {
      await applyRefundResult(refundNo, { state: "FAILED", failureReason: `${error.code ?? ""} ${error.message}`.trim() });
      return;
    }
    logger.warn({ err: error, refundNo }, "refund call failed; the job retries");
    throw error;
  }
  if (result.state === "SUCCEEDED" || result.state === "FAILED") {
    await applyRefundResult(refundNo, result);
    return;
  }
  await db.$transaction((tx) =>
    enqueueJob(tx, syncRefundJob, { refundNo, round: 0 }, { runAt: new Date(Date.now() + 10_000), jobKey: `sync-refund:${refundNo}` }),
  );
}
