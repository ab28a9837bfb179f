import { ChannelRejectedError, ChannelTimeoutError } from "@/server/channels/errors";
import { db } from "@/server/db";
import { parseCurrency } from "@/server/domain/money";
import { nextRefundRetrySeconds } from "@/server/domain/refund-retry";
import { loadEnv } from "@/server/env";
import { enqueueJob } from "@/server/jobs/enqueue";
import { executeRefund as executeRefundJob, syncRefund as syncRefundJob } from "@/server/jobs/tasks/payment-jobs";
import { logger } from "@/server/observability/logger";
import { channelForAccount } from "@/server/services/payments/channel-for-account";
import { returnSplitsBeforeRefund } from "@/server/services/profit-sharing/split-returns";
import { applyRefundResult } from "./apply-refund-result";

const reasonOf = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return `${e.code ? `${e.code}: ` : ""}${e.message ?? String(error)}`.slice(0, 500);
};

/**
 * Sends a PROCESSING refund to its channel (job). The channel's out_refund_no is our refundNo, so a
 * retry after a lost answer cannot refund twice.
 * - settled at once → applied; accepted but unsettled → status sync scheduled;
 * - refused by the channel (a business "no") → FAILED with the channel's reason;
 * - no definitive answer (down, 5xx, timeout) → retried on REFUND_RETRY_SECONDS, the last reason kept
 *   on the refund; when the retries are used up → FAILED, unless the last call may have reached the
 *   channel (timeout), in which case the refund is queried until the channel says what happened.
 */
export async function executeRefund(refundNo: string): Promise<void> {
  const refund = await db.refund.findUnique({ where: { refundNo }, include: { payment: true } });
  if (!refund || refund.status !== "PROCESSING") return;
  // Split money the refund needs comes back from the receivers first (分账回退); the refund waits.
  if (await returnSplitsBeforeRefund(refundNo)) return;
  const { plugin, ctx } = await channelForAccount(refund.payment.channelAccountId);
  let result;
  try {
    result = await plugin.refund(ctx, {
      outTradeNo: refund.attemptNo,
      channelTradeNo: refund.payment.channelTradeNo ?? undefined,
      outRefundNo: refund.refundNo,
      refundAmount: refund.amount,
      totalAmount: refund.payment.amount,
      currency: parseCurrency(refund.currency),
      reason: refund.reason ?? undefined,
    });
  } catch (error) {
    if (error instanceof ChannelRejectedError) {
      await applyRefundResult(refundNo, { state: "FAILED", failureCode: error.code ?? "CHANNEL_REJECTED", failureReason: reasonOf(error) });
      return;
    }
    await retryLater(refund, error);
    return;
  }
  if (result.state === "SUCCEEDED" || result.state === "FAILED") {
    await applyRefundResult(refundNo, result);
    return;
  }
  await db.$transaction((tx) =>
    enqueueJob(tx, syncRefundJob, { refundNo, round: 0 }, { runAt: new Date(Date.now() + 10_000), jobKey: `sync-refund:${refundNo}` }),
  );
}

async function retryLater(refund: { refundNo: string; retryCount: number }, error: unknown): Promise<void> {
  const { refundNo, retryCount } = refund;
  const code = error instanceof ChannelTimeoutError ? "CHANNEL_TIMEOUT" : ((error as { code?: string }).code ?? "CHANNEL_UNAVAILABLE");
  const seconds = nextRefundRetrySeconds(retryCount);
  logger.warn({ err: error, refundNo, retryCount, nextInSeconds: seconds }, "refund call failed");
  if (seconds === null) {
    if (error instanceof ChannelTimeoutError) {
      // The channel may have taken it: only its own answer may fail the refund.
      await db.$transaction((tx) => enqueueJob(tx, syncRefundJob, { refundNo, round: 0 }, { jobKey: `sync-refund:${refundNo}` }));
      return;
    }
    await applyRefundResult(refundNo, { state: "FAILED", failureCode: code, failureReason: reasonOf(error) });
    return;
  }
  const runAt = new Date(Date.now() + seconds * 1000 * loadEnv().REFUND_RETRY_TIME_SCALE);
  await db.$transaction(async (tx) => {
    const claimed = await tx.refund.updateMany({
      where: { refundNo, status: "PROCESSING", retryCount },
      data: { retryCount: retryCount + 1, failureCode: code, failureMessage: reasonOf(error) },
    });
    if (claimed.count === 1) await enqueueJob(tx, executeRefundJob, { refundNo }, { runAt, jobKey: `execute-refund:${refundNo}` });
  });
}
