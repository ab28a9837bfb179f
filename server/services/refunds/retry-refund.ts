import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { enqueueJob } from "@/server/jobs/enqueue";
import { executeRefund } from "@/server/jobs/tasks/payment-jobs";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

/**
 * Sends a FAILED refund to the channel again (console "retry"), under the same refundNo — the channel's
 * out_refund_no — so it can never be paid out twice. The amount is reserved again first: if other refunds
 * took what was left meanwhile, the retry is refused. An after-sale's refund is not retried here: the
 * after-sale replaces a failed refund on its own.
 */
export async function retryRefund(merchantId: string, refundNo: string, actor: AuditActor) {
  return db.$transaction(async (tx) => {
    const refund = await tx.refund.findUnique({ where: { refundNo } });
    if (!refund || refund.merchantId !== merchantId) throw new AppError("REFUND_NOT_FOUND", "no such refund");
    if (refund.status !== "FAILED") throw new AppError("CONFLICT", `only a FAILED refund can be retried; this one is ${refund.status}`);
    // An after-sale replaces its failed refunds itself (issue-after-sale-refunds.ts): retrying one as well
    // would pay the after-sale twice.
    if (refund.afterSaleId) throw new AppError("CONFLICT", "this refund belongs to an after-sale, which issues a replacement itself");
    if (refund.kind === "MERCHANT") {
      const reserved = await tx.$executeRaw`
        UPDATE "PayOrder" SET "refundingAmount" = "refundingAmount" + ${refund.amount}, "updatedAt" = now()
        WHERE "payOrderNo" = ${refund.payOrderNo} AND "paidAmount" - "refundedAmount" - "refundingAmount" >= ${refund.amount}`;
      if (reserved !== 1) throw new AppError("REFUND_EXCEEDS_REFUNDABLE", "the refund exceeds what is left to refund");
    }
    const claimed = await tx.refund.updateMany({
      where: { refundNo, status: "FAILED" },
      data: { status: "PROCESSING", retryCount: 0, failureCode: null, failureMessage: null },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", "the refund changed meanwhile");
    await enqueueJob(tx, executeRefund, { refundNo }, { jobKey: `execute-refund:${refundNo}` });
    await recordAudit(tx, actor, {
      merchantId,
      action: "refund.retried",
      targetType: "refund",
      targetId: refundNo,
      before: { status: "FAILED", failureCode: refund.failureCode, failureMessage: refund.failureMessage },
      after: { status: "PROCESSING" },
    });
    return tx.refund.findUniqueOrThrow({ where: { refundNo } });
  });
}
