import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ComplaintStatus } from "@/server/generated/prisma/client.ts";
import { recordAudit } from "@/server/services/audit/record-audit";
import { recordEvent } from "@/server/services/events/record-event";
import { complaintData } from "./complaint-view";
import { type ComplaintStaff, loadStaffComplaint, staffAuthor } from "./load-complaint";

/**
 * Resolves a complaint as REJECTED with a reason the consumer reads. A merchant may reject one that is
 * theirs and not escalated (the consumer may still take it to the platform once); an operator's
 * rejection of an escalated one is final.
 */
export async function rejectComplaint(staff: ComplaintStaff, input: { complaintNo: string; reason: string }) {
  const complaint = await loadStaffComplaint(input.complaintNo, staff);
  const from: ComplaintStatus[] = staff.merchantId ? ["OPEN", "ANSWERED"] : ["OPEN", "ANSWERED", "ESCALATED"];
  await db.$transaction(async (tx) => {
    const now = new Date();
    const changed = await tx.complaint.updateMany({
      where: { complaintNo: complaint.complaintNo, status: { in: from } },
      data: { status: "RESOLVED", resolution: "REJECTED", resolvedAt: now },
    });
    if (changed.count !== 1) throw new AppError("ALREADY_DECIDED", "the complaint is decided already or escalated to the platform");
    await tx.complaintMessage.create({ data: { complaintNo: complaint.complaintNo, author: staffAuthor(staff), userId: staff.userId, body: input.reason } });
    await recordAudit(tx, { type: "USER", id: staff.userId, ip: staff.ip }, {
      merchantId: complaint.merchantId,
      action: "complaint.rejected",
      targetType: "complaint",
      targetId: complaint.complaintNo,
      before: { status: complaint.status },
      after: { status: "RESOLVED", resolution: "REJECTED", reason: input.reason, by: staffAuthor(staff) },
    });
    const after = await tx.complaint.findUniqueOrThrow({ where: { complaintNo: complaint.complaintNo } });
    await recordEvent(tx, { merchantId: after.merchantId, appId: after.appId, type: "complaint.resolved", payOrderNo: after.payOrderNo, data: complaintData(after) });
  });
}
