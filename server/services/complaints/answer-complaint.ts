import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ComplaintStatus } from "@/server/generated/prisma/client.ts";
import { recordAudit } from "@/server/services/audit/record-audit";
import { recordEvent } from "@/server/services/events/record-event";
import { complaintData } from "./complaint-view";
import { type ComplaintStaff, loadStaffComplaint, staffAuthor } from "./load-complaint";

/**
 * A merchant answers an open complaint (or adds to its answer); an operator answers an escalated one.
 * The first answer of a turn moves it to ANSWERED (the consumer may then accept or disagree) with
 * `complaint.answered`; a later message just joins the conversation.
 */
export async function answerComplaint(staff: ComplaintStaff, input: { complaintNo: string; body: string }) {
  const complaint = await loadStaffComplaint(input.complaintNo, staff);
  const from: ComplaintStatus[] = staff.merchantId ? ["OPEN", "ANSWERED"] : ["ESCALATED", "ANSWERED"];
  await db.$transaction(async (tx) => {
    const now = new Date();
    const changed = await tx.complaint.updateMany({
      where: { complaintNo: complaint.complaintNo, status: { in: from } },
      data: { status: "ANSWERED", answeredAt: now },
    });
    if (changed.count !== 1) throw new AppError("ALREADY_DECIDED", "the complaint cannot be answered now");
    await tx.complaintMessage.create({ data: { complaintNo: complaint.complaintNo, author: staffAuthor(staff), userId: staff.userId, body: input.body } });
    await recordAudit(tx, { type: "USER", id: staff.userId, ip: staff.ip }, {
      merchantId: complaint.merchantId,
      action: "complaint.answered",
      targetType: "complaint",
      targetId: complaint.complaintNo,
      before: { status: complaint.status },
      after: { status: "ANSWERED", by: staffAuthor(staff) },
    });
    if (complaint.status !== "ANSWERED") {
      const after = await tx.complaint.findUniqueOrThrow({ where: { complaintNo: complaint.complaintNo } });
      await recordEvent(tx, { merchantId: after.merchantId, appId: after.appId, type: "complaint.answered", payOrderNo: after.payOrderNo, data: complaintData(after) });
    }
  });
}
