import { db } from "@/server/db";
import { maskPhone } from "@/server/domain/phone";
import { AppError } from "@/server/errors";
import { recordEvent } from "@/server/services/events/record-event";
import { complaintData, messageView, refundSummary } from "./complaint-view";
import { loadConsumerComplaint } from "./load-complaint";

type Access = { complaintNo: string; token: string };

/**
 * The consumer's follow-up page: status, the conversation, the refund (if any) and what they may do now.
 * The page polls it, so an answer, an escalation or a refund shows by itself.
 */
export async function getConsumerComplaint(access: Access) {
  const complaint = await loadConsumerComplaint(access.complaintNo, access.token);
  const [order, merchant, messages, photos, refund] = await Promise.all([
    db.payOrder.findUnique({ where: { payOrderNo: complaint.payOrderNo }, select: { subject: true, amount: true, currency: true, paidAt: true } }),
    db.merchant.findUnique({ where: { id: complaint.merchantId }, select: { name: true } }),
    db.complaintMessage.findMany({ where: { complaintNo: complaint.complaintNo }, orderBy: { createdAt: "asc" }, take: 200 }),
    db.complaintPhoto.findMany({ where: { complaintNo: complaint.complaintNo }, select: { id: true }, orderBy: { createdAt: "asc" } }),
    complaint.refundNo ? db.refund.findUnique({ where: { refundNo: complaint.refundNo } }) : null,
  ]);
  return {
    complaintNo: complaint.complaintNo,
    payOrderNo: complaint.payOrderNo,
    merchantName: merchant?.name ?? "",
    subject: order?.subject ?? "",
    amount: order?.amount ?? 0n,
    currency: order?.currency ?? "CNY",
    contactPhone: maskPhone(complaint.contactPhone),
    reason: complaint.reason,
    description: complaint.description,
    requestedAmount: complaint.requestedAmount,
    status: complaint.status,
    resolution: complaint.resolution,
    slaDueAt: complaint.slaDueAt,
    createdAt: complaint.createdAt,
    resolvedAt: complaint.resolvedAt,
    messages: messages.map(messageView),
    photoIds: photos.map((p) => p.id),
    refund: refundSummary(refund),
    mayMessage: complaint.status !== "RESOLVED",
    mayAccept: complaint.status === "ANSWERED",
    mayDisagree: mayDisagree(complaint),
  };
}

/** After an answer, or after a merchant's rejection that operators never saw: the consumer may take it to the platform. */
function mayDisagree(c: { status: string; resolution: string | null; escalatedAt: Date | null }): boolean {
  return c.status === "ANSWERED" || (c.status === "RESOLVED" && c.resolution === "REJECTED" && c.escalatedAt === null);
}

/** The consumer adds a message (until the complaint is resolved). */
export async function addConsumerMessage(access: Access & { body: string }) {
  const complaint = await loadConsumerComplaint(access.complaintNo, access.token);
  await db.$transaction(async (tx) => {
    const open = await tx.complaint.updateMany({ where: { complaintNo: complaint.complaintNo, status: { not: "RESOLVED" } }, data: { updatedAt: new Date() } });
    if (open.count !== 1) throw new AppError("ALREADY_DECIDED", "the complaint is resolved");
    await tx.complaintMessage.create({ data: { complaintNo: complaint.complaintNo, author: "CONSUMER", body: access.body } });
  });
}

/** The consumer accepts the answer: resolved, with nothing more to do (resolution WITHDRAWN). */
export async function acceptComplaintAnswer(access: Access) {
  const complaint = await loadConsumerComplaint(access.complaintNo, access.token);
  await db.$transaction(async (tx) => {
    const now = new Date();
    const changed = await tx.complaint.updateMany({
      where: { complaintNo: complaint.complaintNo, status: "ANSWERED" },
      data: { status: "RESOLVED", resolution: "WITHDRAWN", resolvedAt: now },
    });
    if (changed.count !== 1) throw new AppError("ALREADY_DECIDED", "the complaint is not waiting for the consumer");
    await tx.complaintMessage.create({ data: { complaintNo: complaint.complaintNo, author: "SYSTEM", body: "consumer.accepted" } });
    const after = await tx.complaint.findUniqueOrThrow({ where: { complaintNo: complaint.complaintNo } });
    await recordEvent(tx, { merchantId: after.merchantId, appId: after.appId, type: "complaint.resolved", payOrderNo: after.payOrderNo, data: complaintData(after) });
  });
}

/**
 * The consumer disagrees with the answer (or with a merchant's rejection): the complaint goes to the
 * platform's operators (ESCALATED), with the consumer's words as a message.
 */
export async function disagreeWithComplaint(access: Access & { body: string }) {
  const complaint = await loadConsumerComplaint(access.complaintNo, access.token);
  await db.$transaction(async (tx) => {
    const now = new Date();
    const changed = await tx.complaint.updateMany({
      where: {
        complaintNo: complaint.complaintNo,
        OR: [{ status: "ANSWERED" }, { status: "RESOLVED", resolution: "REJECTED", escalatedAt: null }],
      },
      data: { status: "ESCALATED", escalatedAt: now, resolution: null, resolvedAt: null },
    });
    if (changed.count !== 1) throw new AppError("ALREADY_DECIDED", "the complaint cannot be escalated now");
    await tx.complaintMessage.create({ data: { complaintNo: complaint.complaintNo, author: "CONSUMER", body: access.body } });
    const after = await tx.complaint.findUniqueOrThrow({ where: { complaintNo: complaint.complaintNo } });
    await recordEvent(tx, { merchantId: after.merchantId, appId: after.appId, type: "complaint.escalated", payOrderNo: after.payOrderNo, data: complaintData(after) });
  });
}
