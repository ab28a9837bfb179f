import { z } from "zod";
import { normalisePhone } from "./phone";
import { yuanToFen } from "./refund-schema";
import { isStorableText } from "./storable-text";

/**
 * Consumer complaints (申诉): what a consumer may file and what merchants and operators may do with one.
 * Error messages are keys the forms translate under `complaints.errors.*`; the server answers the same
 * keys in the envelope's `message` with the field at fault.
 */

export const COMPLAINT_REASONS = ["NOT_RECEIVED", "NOT_AS_DESCRIBED", "CHARGED_TWICE", "WRONG_AMOUNT", "UNAUTHORISED", "OTHER"] as const;
export const COMPLAINT_STATUSES = ["OPEN", "ANSWERED", "ESCALATED", "RESOLVED"] as const;
export type ComplaintStatusValue = (typeof COMPLAINT_STATUSES)[number];

/** Photos: at most 3, each ≤ 2 MB, JPEG/PNG/WebP recognised by their first bytes (never by name or claimed type). */
export const COMPLAINT_PHOTO_MAX_COUNT = 3;
export const COMPLAINT_PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** The whole multipart request: three photos and the text fields with room for the multipart envelope. */
export const COMPLAINT_REQUEST_MAX_BYTES = COMPLAINT_PHOTO_MAX_COUNT * COMPLAINT_PHOTO_MAX_BYTES + 64 * 1024;

/** Filing limits, counted in PostgreSQL (every node agrees): per pay order per day, per IP per hour. */
export const COMPLAINT_LIMITS = { perPayOrderPerDay: 5, perIpPerHour: 10 } as const;

export type PhotoType = "image/jpeg" | "image/png" | "image/webp";

export function sniffPhotoType(head: Uint8Array): PhotoType | null {
  const starts = (bytes: number[], at = 0) => bytes.length + at <= head.length && bytes.every((b, i) => head[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  // RIFF....WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/** Multi-line text a person typed: trimmed, storable, no control characters other than newlines and tabs. */
export const complaintText = (min: number, max: number) =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .min(min, { error: "tooShort" })
    .max(max, { error: "tooLong" })
    .refine(isStorableText, { error: "invalidChars" })
    .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value), { error: "invalidChars" });

const PAY_ORDER_NO = /^P\d{17}[0-9A-HJKMNP-TV-Z]{8}$/;
const COMPLAINT_NO = /^C\d{17}[0-9A-HJKMNP-TV-Z]{8}$/;

export const complaintNoSchema = z.string().regex(COMPLAINT_NO, { error: "notFound" });
export const viewTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: "notFound" });

export function isComplaintNo(value: string): boolean {
  return COMPLAINT_NO.test(value);
}

/**
 * The filing form's text fields (multipart). `requestedAmount` is yuan as typed ("" = none); the server
 * checks it against what is left to refund.
 */
export const fileComplaintSchema = z.object({
  payOrderNo: z.string({ error: "required" }).trim().regex(PAY_ORDER_NO, { error: "orderInvalid" }),
  contactPhone: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .max(32, { error: "phoneInvalid" })
    .refine((raw) => normalisePhone(raw) !== null, { error: "phoneInvalid" })
    .transform((raw) => normalisePhone(raw) as string),
  reason: z.enum(COMPLAINT_REASONS, { error: "reasonInvalid" }),
  description: complaintText(5, 1000),
  requestedAmount: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(yuanToFen.optional()),
});
export type FileComplaintForm = z.input<typeof fileComplaintSchema>;
export type FileComplaintInput = z.output<typeof fileComplaintSchema>;

/** A message in the conversation (consumer, merchant or operator). */
export const complaintMessageBody = complaintText(1, 1000);

/** The consumer's follow-up actions: they carry the complaint number and its view token. */
export const consumerAccessSchema = z.object({ complaintNo: complaintNoSchema, token: viewTokenSchema });
export const consumerMessageSchema = consumerAccessSchema.extend({ body: complaintMessageBody });

/** A merchant's or operator's answer. */
export const answerComplaintSchema = z.object({ complaintNo: complaintNoSchema, body: complaintMessageBody });

/**
 * A refund resolving the complaint: full or partial, yuan as typed (fen once parsed), and a note to the
 * consumer. One refund per complaint (its mchRefundNo is `complaint-<complaintNo>`), so a double click or
 * two people at once refund once.
 */
export const refundComplaintSchema = z.object({
  complaintNo: complaintNoSchema,
  amount: yuanToFen,
  note: complaintText(1, 500),
});
export type RefundComplaintForm = z.input<typeof refundComplaintSchema>;

/** Rejecting the complaint needs a reason the consumer reads. */
export const rejectComplaintSchema = z.object({ complaintNo: complaintNoSchema, reason: complaintText(2, 500) });

/** The console's queue filters. */
export const complaintListSchema = z.object({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(30),
});

/** `138****8000`-style masking lives in phone.ts; a complaint never shows the full phone outside its merchant. */
export { maskPhone } from "./phone";
