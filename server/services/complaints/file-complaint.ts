import { db } from "@/server/db";
import {
  COMPLAINT_PHOTO_MAX_BYTES,
  COMPLAINT_PHOTO_MAX_COUNT,
  fileComplaintSchema,
  sniffPhotoType,
} from "@/server/domain/complaint-schema";
import { newComplaintNo, newViewToken } from "@/server/domain/complaint-ids";
import { isPaidPayOrder } from "@/server/domain/pay-order-states";
import { loadEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { recordEvent } from "@/server/services/events/record-event";
import { countComplaintFiling } from "./complaint-rate-limit";
import { complaintData } from "./complaint-view";

export type FileComplaintOptions = {
  /** The form's text fields as sent (strings; anything else is refused). */
  fields: Record<string, unknown>;
  photos: Uint8Array<ArrayBuffer>[];
  ip: string | null;
  now?: Date;
};

/**
 * A consumer files a complaint (申诉) about a paid pay order, from the cashier receipt or the buyer portal.
 * Knowing the pay order number is the consumer's authority, as on the cashier page itself. Checks every
 * field and photo before anything is written; then, in one transaction: one open complaint per pay order
 * (an advisory lock on the pay order serialises concurrent filings), the PostgreSQL rate limits, the
 * complaint with its photos, and `complaint.created`. Returns the follow-up link's number and token.
 */
export async function fileComplaint(options: FileComplaintOptions) {
  const parsed = fileComplaintSchema.safeParse(options.fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("VALIDATION_FAILED", issue?.message ?? "invalid", { field: issue?.path.map(String).join(".") || undefined });
  }
  const input = parsed.data;
  if (options.photos.length > COMPLAINT_PHOTO_MAX_COUNT) throw new AppError("VALIDATION_FAILED", "photoCount", { field: "photos" });
  const photos = options.photos.map((bytes) => {
    if (bytes.byteLength > COMPLAINT_PHOTO_MAX_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "photoTooLarge", { field: "photos" });
    const contentType = bytes.byteLength > 0 ? sniffPhotoType(bytes.subarray(0, 16)) : null;
    if (!contentType) throw new AppError("VALIDATION_FAILED", "photoType", { field: "photos" });
    return { contentType, bytes };
  });

  const order = await db.payOrder.findUnique({
    where: { payOrderNo: input.payOrderNo },
    select: { payOrderNo: true, merchantId: true, appId: true, status: true, paidAmount: true, refundedAmount: true, refundingAmount: true, orderNo: true, order: { select: { buyerId: true } } },
  });
  if (!order) throw new AppError("ORDER_NOT_FOUND", "orderNotFound", { field: "payOrderNo" });
  if (!isPaidPayOrder(order.status)) throw new AppError("ORDER_NOT_PAID", "orderNotPaid", { field: "payOrderNo" });
  const refundable = order.paidAmount - order.refundedAmount - order.refundingAmount;
  if (input.requestedAmount !== undefined && input.requestedAmount > refundable) {
    throw new AppError("VALIDATION_FAILED", "amountAboveRefundable", { field: "requestedAmount" });
  }

  const now = options.now ?? new Date();
  const slaDueAt = new Date(now.getTime() + loadEnv().COMPLAINT_SLA_HOURS * 3_600_000);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`complaint:${order.payOrderNo}`}, 0))`;
    const open = await tx.complaint.findFirst({ where: { payOrderNo: order.payOrderNo, status: { not: "RESOLVED" } }, select: { complaintNo: true } });
    if (open) throw new AppError("CONFLICT", "alreadyOpen", { field: "payOrderNo" });
    await countComplaintFiling(tx, { payOrderNo: order.payOrderNo, ip: options.ip }, now);
    const complaint = await tx.complaint.create({
      data: {
        complaintNo: newComplaintNo(now),
        merchantId: order.merchantId,
        appId: order.appId,
        payOrderNo: order.payOrderNo,
        orderNo: order.orderNo,
        buyerId: order.order?.buyerId ?? null,
        contactPhone: input.contactPhone,
        reason: input.reason,
        description: input.description,
        requestedAmount: input.requestedAmount ?? null,
        slaDueAt,
        viewToken: newViewToken(),
        createdAt: now,
      },
    });
    if (photos.length > 0) {
      await tx.complaintPhoto.createMany({
        data: photos.map((photo) => ({ complaintNo: complaint.complaintNo, contentType: photo.contentType, bytes: photo.bytes, size: photo.bytes.byteLength })),
      });
    }
    await recordEvent(tx, { merchantId: complaint.merchantId, appId: complaint.appId, type: "complaint.created", payOrderNo: complaint.payOrderNo, data: complaintData(complaint) });
    return { complaintNo: complaint.complaintNo, viewToken: complaint.viewToken, status: complaint.status, slaDueAt: complaint.slaDueAt };
  });
}
