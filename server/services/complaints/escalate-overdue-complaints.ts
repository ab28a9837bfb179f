import { db } from "@/server/db";
import { recordEvent } from "@/server/services/events/record-event";
import { complaintData } from "./complaint-view";

/**
 * The SLA: an OPEN complaint the merchant has not answered by slaDueAt goes to the platform's operators
 * (ESCALATED). Each is moved by a compare-and-set in its own transaction with its event and a system
 * message, so an answer that lands at the same moment wins or loses cleanly, and two workers running
 * the sweep escalate each complaint once. Returns how many were escalated.
 */
export async function escalateOverdueComplaints(now = new Date(), batch = 200): Promise<number> {
  const due = await db.complaint.findMany({
    where: { status: "OPEN", slaDueAt: { lte: now } },
    select: { complaintNo: true },
    orderBy: { slaDueAt: "asc" },
    take: batch,
  });
  let escalated = 0;
  for (const { complaintNo } of due) {
    const moved = await db.$transaction(async (tx) => {
      const changed = await tx.complaint.updateMany({
        where: { complaintNo, status: "OPEN", slaDueAt: { lte: now } },
        data: { status: "ESCALATED", escalatedAt: now },
      });
      if (changed.count !== 1) return false;
      await tx.complaintMessage.create({ data: { complaintNo, author: "SYSTEM", body: "sla.escalated" } });
      const after = await tx.complaint.findUniqueOrThrow({ where: { complaintNo } });
      await recordEvent(tx, { merchantId: after.merchantId, appId: after.appId, type: "complaint.escalated", payOrderNo: after.payOrderNo, data: complaintData(after) });
      return true;
    });
    if (moved) escalated += 1;
  }
  return escalated;
}
