import { db } from "@/server/db";
import { maskPhone } from "@/server/domain/phone";
import { messageView, refundSummary } from "./complaint-view";
import { type ComplaintStaff, loadStaffComplaint } from "./load-complaint";

/** A complaint's page in the console or the operator platform: the complaint, the payment, the conversation, photos, the refund. */
export async function getComplaint(staff: ComplaintStaff, complaintNo: string) {
  const complaint = await loadStaffComplaint(complaintNo, staff);
  const [order, merchant, app, messages, photos, refund] = await Promise.all([
    db.payOrder.findUniqueOrThrow({
      where: { payOrderNo: complaint.payOrderNo },
      select: { payOrderNo: true, mchOrderNo: true, subject: true, amount: true, currency: true, paidAmount: true, refundedAmount: true, refundingAmount: true, paidAt: true, status: true },
    }),
    db.merchant.findUniqueOrThrow({ where: { id: complaint.merchantId }, select: { mchNo: true, name: true } }),
    db.app.findUnique({ where: { id: complaint.appId }, select: { name: true } }),
    db.complaintMessage.findMany({ where: { complaintNo: complaint.complaintNo }, orderBy: { createdAt: "asc" }, take: 500 }),
    db.complaintPhoto.findMany({ where: { complaintNo: complaint.complaintNo }, select: { id: true, contentType: true, size: true }, orderBy: { createdAt: "asc" } }),
    complaint.refundNo ? db.refund.findUnique({ where: { refundNo: complaint.refundNo } }) : null,
  ]);
  const refundable = order.paidAmount - order.refundedAmount - order.refundingAmount;
  return {
    complaintNo: complaint.complaintNo,
    merchant,
    appName: app?.name ?? "",
    payOrder: { ...order, refundable: refundable > 0n ? refundable : 0n },
    orderNo: complaint.orderNo,
    buyerId: complaint.buyerId,
    contactPhone: maskPhone(complaint.contactPhone),
    reason: complaint.reason,
    description: complaint.description,
    requestedAmount: complaint.requestedAmount,
    status: complaint.status,
    resolution: complaint.resolution,
    slaDueAt: complaint.slaDueAt,
    answeredAt: complaint.answeredAt,
    escalatedAt: complaint.escalatedAt,
    resolvedAt: complaint.resolvedAt,
    createdAt: complaint.createdAt,
    messages: messages.map(messageView),
    photos,
    refund: refundSummary(refund),
  };
}
