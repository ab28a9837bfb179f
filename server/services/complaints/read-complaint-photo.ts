import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { can } from "@/server/domain/permissions";
import { loadConsumerComplaint } from "./load-complaint";

export type PhotoViewer =
  | { kind: "consumer"; token: string }
  | { kind: "user"; user: { id: string; platformRole: string | null } }
  | { kind: "none" };

/**
 * A complaint's photo, to the consumer who holds its link, the merchant's members who may read
 * complaints, and operators. Anyone else — and any photo of another complaint — is COMPLAINT_NOT_FOUND,
 * so a guess learns nothing.
 */
export async function readComplaintPhoto(complaintNo: string, photoId: string, viewer: PhotoViewer) {
  if (!/^[0-9a-f-]{36}$/.test(photoId)) throw new AppError("COMPLAINT_NOT_FOUND", "no such photo");
  if (viewer.kind === "none") throw new AppError("COMPLAINT_NOT_FOUND", "no such photo");
  if (viewer.kind === "consumer") {
    await loadConsumerComplaint(complaintNo, viewer.token);
  } else if (viewer.user.platformRole !== "ADMIN") {
    const complaint = await db.complaint.findUnique({ where: { complaintNo }, select: { merchantId: true } });
    const membership = complaint ? await db.membership.findFirst({ where: { userId: viewer.user.id, merchantId: complaint.merchantId }, select: { role: true } }) : null;
    if (!membership || !can(membership.role, "complaints.read")) throw new AppError("COMPLAINT_NOT_FOUND", "no such photo");
  }
  const photo = await db.complaintPhoto.findUnique({ where: { id: photoId } });
  if (!photo || photo.complaintNo !== complaintNo) throw new AppError("COMPLAINT_NOT_FOUND", "no such photo");
  return { contentType: photo.contentType, bytes: photo.bytes };
}
