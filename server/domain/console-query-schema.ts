import { z } from "zod";
import { CHANNEL_CODES } from "./channel-codes";
import { yuanAmount } from "./refund-schema";
import { PAY_ORDER_STATUSES as ORDER_STATUSES, REFUND_STATUSES } from "./pay-order-states";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

/** Keyset cursor over (createdAt desc, id desc), opaque to the page: base64url of "iso|id". */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime()) || id.length > 64 || !isStorableText(id)) return null;
  return { createdAt, id };
}

/** A console filter's text: trimmed, storable, empty means "any". */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
    .optional()
    .transform((v) => v || undefined);
/** A console filter's date (any form Date parses), empty means "any". */
export const optionalDate = z
  .string()
  .trim()
  .max(40)
  .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || !Number.isNaN(new Date(v).getTime()), "dateFormat");
const optionalYuan = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(yuanAmount.optional());


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

/** The console's days are China Standard Time (UTC+8, no daylight saving), as its clocks show. */
const CONSOLE_UTC_OFFSET = "+08:00";
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A from/to filter as an instant range: a plain date ("2026-04-04", from a date input) means that whole day
 * in China time, so `to` includes its day; a full timestamp is taken as it is.
 */
export function createdAtRange(from?: string, to?: string): { gte?: Date; lt?: Date; lte?: Date } | undefined {
  if (!from && !to) return undefined;
  const range: { gte?: Date; lt?: Date; lte?: Date } = {};
  if (from) range.gte = new Date(DATE_ONLY.test(from) ? `${from}T00:00:00${CONSOLE_UTC_OFFSET}` : from);
  if (to) {
    if (DATE_ONLY.test(to)) {
      const end = new Date(`${to}T00:00:00${CONSOLE_UTC_OFFSET}`);
      range.lt = new Date(end.getTime() + 86_400_000);
    } else range.lte = new Date(to);
  }
  return range;
}
