import type { Complaint, ComplaintMessage, Refund } from "@/server/generated/prisma/client.ts";
import { maskPhone } from "@/server/domain/phone";

/**
 * The complaint as the business system (events) and the console see it: the phone masked, never the
 * consumer's view token.
 */
export function complaintData(complaint: Complaint) {
  return {
    complaintNo: complaint.complaintNo,
    payOrderNo: complaint.payOrderNo,
    orderNo: complaint.orderNo,
    buyerId: complaint.buyerId,
    contactPhone: maskPhone(complaint.contactPhone),
    reason: complaint.reason,
    description: complaint.description,
    requestedAmount: complaint.requestedAmount,
    status: complaint.status,
    slaDueAt: complaint.slaDueAt,
    answeredAt: complaint.answeredAt,
    escalatedAt: complaint.escalatedAt,
    resolvedAt: complaint.resolvedAt,
    resolution: complaint.resolution,
    refundNo: complaint.refundNo,
    createdAt: complaint.createdAt,
  };
}
export type ComplaintData = ReturnType<typeof complaintData>;

export function messageView(message: Pick<ComplaintMessage, "id" | "author" | "body" | "createdAt">) {
  return { id: message.id, author: message.author, body: message.body, createdAt: message.createdAt };
}

export function refundSummary(refund: Pick<Refund, "refundNo" | "amount" | "currency" | "status"> | null) {
  return refund ? { refundNo: refund.refundNo, amount: refund.amount, currency: refund.currency, status: refund.status } : null;
}
