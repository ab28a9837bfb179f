import { z } from "zod";
import { CHANNEL_CODES } from "./pay-order-schema";
import { yuanAmount } from "./refund-schema";

/** Keyset cursor over (createdAt desc, id desc), opaque to the page: base64url of "iso|id". */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime()) || id.length > 64) return null;
  return { createdAt, id };
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || !Number.isNaN(new Date(v).getTime()), "dateFormat");
const optionalYuan = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(yuanAmount.optional());

export const ORDER_STATUSES = ["PENDING", "PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CLOSED"] as const;
export const REFUND_STATUSES = ["PENDING_REVIEW", "PROCESSING", "SUCCEEDED", "FAILED", "REJECTED"] as const;

/** The orders table's filters (the seed's 多维度查询), from the page's query string. */
export const orderFiltersSchema = z.object({
  appId: optionalText(64),
  q: optionalText(64),
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  channel: z.enum(CHANNEL_CODES).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  minAmount: optionalYuan,
  maxAmount: optionalYuan,
  cursor: optionalText(200),
});

export type OrderFilters = z.infer<typeof orderFiltersSchema>;

export const refundFiltersSchema = z.object({
  appId: optionalText(64),
  q: optionalText(64),
  status: z.enum(REFUND_STATUSES).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  cursor: optionalText(200),
});

export type RefundFilters = z.infer<typeof refundFiltersSchema>;
