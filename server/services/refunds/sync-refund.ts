import { db } from "@/server/db";
import { enqueueJob } from "@/server/jobs/enqueue";
import { syncRefund as syncRefundJob } from "@/server/jobs/tasks/payment-jobs";
import { channelForAccount } from "@/server/services/payments/channel-for-account";
import { applyRefundResult } from "./apply-refund-result";

const MAX_ROUNDS = 288; // every 5 min for a day

/** Queries a refund the channel accepted but has not settled, until it has (job). */
export async function syncRefund({ refundNo, round }: { refundNo: string; round: number }): Promise<void> {
  const refund = await db.refund.findUnique({ where: { refundNo }, include: { payment: true } });
  if (!refund || refund.status !== "PROCESSING") return;
  const { plugin, ctx } = await channelForAccount(refund.payment.channelAccountId);
  const result = await plugin.queryRefund(ctx, refundNo, refund.attemptNo);
  if (result.state === "SUCCEEDED" || result.state === "FAILED") {
    await applyRefundResult(refundNo, result);
    return;
  }
  if (round >= MAX_ROUNDS) return;
  const delay = round < 3 ? 30_000 : 5 * 60_000;
  await db.$transaction((tx) =>
    enqueueJob(tx, syncRefundJob, { refundNo, round: round + 1 }, { runAt: new Date(Date.now() + delay), jobKey: `sync-refund:${refundNo}` }),
  );
}
