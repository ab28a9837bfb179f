import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ComplaintStatus } from "@/server/generated/prisma/client.ts";
import { recordAudit } from "@/server/services/audit/record-audit";
import { recordEvent } from "@/server/services/events/record-event";
import { createRefund } from "@/server/services/refunds/create-refund";
import { complaintData } from "./complaint-view";
import { type ComplaintStaff, loadStaffComplaint, staffAuthor } from "./load-complaint";

/** The refund of a complaint has this merchant refund number: one per complaint, so it can only ever be issued once. */
export const complaintRefundNo = (complaintNo: string) => `complaint-${complaintNo}`;

/**
 * Resolves a complaint with a refund (full or partial) through the payment center's own refund service,
 * so the reservation on the pay order, the review threshold, the channel refund, the journal and the
 * `refund.*` webhooks all happen as for any refund. The complaint becomes RESOLVED / REFUNDED in the
 * refund's own transaction (a compare-and-set: if it was decided meanwhile, the refund is rolled back),
 * i.e. when the refund is issued; the consumer's page then follows the refund to its end. A double
 * click or two people at once: the fixed mchRefundNo makes the second a replay (or ALREADY_DECIDED),
 * never a second refund.
 */
export async function refundComplaint(staff: ComplaintStaff, input: { complaintNo: string; amount: bigint; note: string }) {
  const complaint = await loadStaffComplaint(input.complaintNo, staff);
  const from: ComplaintStatus[] = ["OPEN", "ANSWERED", "ESCALATED"];
  if (!from.includes(complaint.status)) throw new AppError("ALREADY_DECIDED", "the complaint is resolved already");
  const app = await db.app.findUniqueOrThrow({ where: { id: complaint.appId }, select: { id: true, refundReviewThreshold: true } });
  const { refund } = await createRefund(
    app,
    { payOrderNo: complaint.payOrderNo, mchRefundNo: complaintRefundNo(complaint.complaintNo), amount: input.amount, reason: `complaint ${complaint.complaintNo}` },
    {
      requestedById: staff.userId,
      afterCreate: async (tx, created) => {
        const now = new Date();
        const changed = await tx.complaint.updateMany({
          where: { complaintNo: complaint.complaintNo, status: { in: from } },
          data: { status: "RESOLVED", resolution: "REFUNDED", resolvedAt: now, refundNo: created.refundNo },
        });
        if (changed.count !== 1) throw new AppError("ALREADY_DECIDED", "the complaint was resolved meanwhile");
        await tx.complaintMessage.create({ data: { complaintNo: complaint.complaintNo, author: staffAuthor(staff), userId: staff.userId, body: input.note } });
        await recordAudit(tx, { type: "USER", id: staff.userId, ip: staff.ip }, {
          merchantId: complaint.merchantId,
          action: "complaint.refunded",
          targetType: "complaint",
          targetId: complaint.complaintNo,
          before: { status: complaint.status },
          after: { status: "RESOLVED", resolution: "REFUNDED", refundNo: created.refundNo, amount: created.amount, by: staffAuthor(staff) },
        });
        const after = await tx.complaint.findUniqueOrThrow({ where: { complaintNo: complaint.complaintNo } });
        await recordEvent(tx, { merchantId: after.merchantId, appId: after.appId, type: "complaint.resolved", payOrderNo: after.payOrderNo, data: complaintData(after) });
      },
    },
  );
  // a replay of the first click: the complaint is resolved by it already
  const resolved = await db.complaint.findUniqueOrThrow({ where: { complaintNo: complaint.complaintNo }, select: { refundNo: true } });
  if (resolved.refundNo !== refund.refundNo) throw new AppError("ALREADY_DECIDED", "the complaint was resolved otherwise");
  return { refundNo: refund.refundNo, status: refund.status };
}
