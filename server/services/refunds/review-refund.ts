import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { enqueueJob } from "@/server/jobs/enqueue";
import { executeRefund } from "@/server/jobs/tasks/payment-jobs";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { recordEvent } from "@/server/services/events/record-event";

export type ReviewDecision = { decision: "approve" | "reject"; note: string };

const snapshot = (r: { status: string; reviewNote: string | null; reviewedById: string | null }) => ({
  status: r.status,
  reviewNote: r.reviewNote,
  reviewedById: r.reviewedById,
});

/**
 * A FINANCE or OWNER user decides on a refund held for review (退款审核). Approve → PROCESSING and the
 * job that sends it to the channel; reject → REJECTED, the reserved amount released, `refund.rejected`.
 * Compare-and-set on PENDING_REVIEW: two reviewers clicking at once decide once. Nobody approves a refund
 * they requested themselves (four eyes).
 */
export async function reviewRefund(
  merchantId: string,
  refundNo: string,
  reviewer: { id: string; actor: AuditActor },
  input: ReviewDecision,
) {
  return db.$transaction(async (tx) => {
    const refund = await tx.refund.findUnique({ where: { refundNo } });
    if (!refund || refund.merchantId !== merchantId) throw new AppError("REFUND_NOT_FOUND", "no such refund");
    if (refund.status !== "PENDING_REVIEW") throw new AppError("CONFLICT", `the refund is ${refund.status}, not waiting for review`);
    if (input.decision === "approve" && refund.requestedById === reviewer.id) {
      throw new AppError("FORBIDDEN", "a refund you requested must be approved by someone else");
    }
    const reviewed = { reviewedById: reviewer.id, reviewedAt: new Date(), reviewNote: input.note };
    const claimed = await tx.refund.updateMany({
      where: { refundNo, status: "PENDING_REVIEW" },
      data: { ...reviewed, status: input.decision === "approve" ? "PROCESSING" : "REJECTED" },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", "someone else decided on this refund first");

    if (input.decision === "approve") {
      await enqueueJob(tx, executeRefund, { refundNo });
    } else {
      await tx.$executeRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${refund.payOrderNo} FOR UPDATE`;
      await tx.payOrder.update({ where: { payOrderNo: refund.payOrderNo }, data: { refundingAmount: { decrement: refund.amount } } });
      await recordEvent(tx, {
        merchantId,
        appId: refund.appId,
        type: "refund.rejected",
        payOrderNo: refund.payOrderNo,
        refundNo,
        data: { refundNo, mchRefundNo: refund.mchRefundNo, payOrderNo: refund.payOrderNo, amount: refund.amount, status: "REJECTED", reason: input.note },
      });
    }
    const after = await tx.refund.findUniqueOrThrow({ where: { refundNo } });
    await recordAudit(tx, reviewer.actor, {
      merchantId,
      action: input.decision === "approve" ? "refund.approved" : "refund.rejected",
      targetType: "refund",
      targetId: refundNo,
      before: snapshot(refund),
      after: snapshot(after),
    });
    return after;
  });
}
