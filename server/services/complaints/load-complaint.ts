import { timingSafeEqual } from "node:crypto";
import { db } from "@/server/db";
import { isComplaintNo } from "@/server/domain/complaint-schema";
import { AppError } from "@/server/errors";
import type { Complaint } from "@/server/generated/prisma/client.ts";

/** Who acts on a complaint from the console: a merchant's member (scoped to it) or an operator (any). */
export type ComplaintStaff = {
  /** The merchant whose complaints the user may see; null for an operator. */
  merchantId: string | null;
  userId: string;
  ip: string | null;
};

export const staffAuthor = (staff: ComplaintStaff) => (staff.merchantId ? ("MERCHANT" as const) : ("OPERATOR" as const));

/** A complaint the staff member may see; any other number (another merchant's, malformed) is COMPLAINT_NOT_FOUND. */
export async function loadStaffComplaint(complaintNo: string, staff: ComplaintStaff): Promise<Complaint> {
  const complaint = isComplaintNo(complaintNo) ? await db.complaint.findUnique({ where: { complaintNo } }) : null;
  if (!complaint || (staff.merchantId !== null && complaint.merchantId !== staff.merchantId)) {
    throw new AppError("COMPLAINT_NOT_FOUND", "no such complaint");
  }
  return complaint;
}

/** The complaint behind a consumer's follow-up link: the number and its token must match (compared in constant time). */
export async function loadConsumerComplaint(complaintNo: string, token: string): Promise<Complaint> {
  const complaint = isComplaintNo(complaintNo) ? await db.complaint.findUnique({ where: { complaintNo } }) : null;
  if (!complaint || !sameToken(complaint.viewToken, token)) throw new AppError("COMPLAINT_NOT_FOUND", "no such complaint");
  return complaint;
}

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
