import { z } from "zod";
import { ASSET_NO_SHAPE, COUPON_TYPES, MAX_COUPON_LIFETIME_MS } from "./buyer-asset-schema";
import { parseCsv } from "./order-import-file";
import { addDays, dayStart, localDateSchema } from "./report-range";
import { isStorableText } from "./storable-text";

/**
 * Coupons as a person issues them in the console (发券): one buyer through a form, or a CSV list of
 * `buyerId,type,value,minSpend,expiresAt[,couponNo]`. People type yuan, so `value` of an amount_off coupon
 * and `minSpend` are yuan ("20", "20.5", "20.00") and become fen here, digit by digit; a percent_off
 * coupon's `value` is the percentage off (1–99). `expiresAt` is a local date (the coupon lasts to the end
 * of that day, China Standard Time) or an ISO date-time with an offset. The output is the Open API's coupon
 * (OPEN-API.md, POST /api/v1/coupons), which the issuing service validates once more.
 * Messages are keys below `buyers.issue.errors`; the buyer id, couponNo and expiry rules are the Open API's
 * (buyer-asset-schema.ts), checked here too so that the form can name the field.
 */

/** Rows one CSV may carry. */
export const MAX_COUPON_CSV_ROWS = 1000;
/** Its size in characters. */
export const MAX_COUPON_CSV_CHARS = 200_000;

const YUAN = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/** "20.5" → 2050 fen; anything else → null. */
export function yuanTextToFen(text: string): number | null {
  const match = YUAN.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** A local date → the last millisecond of that day (CST); an ISO date-time with an offset → itself; else null. */
export function expiryInstant(text: string): Date | null {
  const value = text.trim();
  if (localDateSchema.safeParse(value).success) return new Date(dayStart(addDays(value, 1)).getTime() - 1);
  if (z.iso.datetime({ offset: true }).safeParse(value).success) return new Date(value);
  return null;
}

export const consoleCouponSchema = z
  .object({
    buyerId: z
      .string()
      .trim()
      .min(1, "buyerRequired")
      .max(64, "buyerTooLong")
      .refine((v) => isStorableText(v) && !/[\u0000-\u001f\u007f]/.test(v), "buyerInvalid"),
    type: z.enum(COUPON_TYPES, { error: "typeInvalid" }),
    value: z.string().trim(),
    minSpend: z.string().trim(),
    expiresAt: z.string().trim(),
    couponNo: z
      .string()
      .trim()
      .refine((v) => v === "" || ASSET_NO_SHAPE.test(v), "couponNoInvalid"),
  })
  .transform((input, ctx) => {
    const value = input.type === "amount_off" ? yuanTextToFen(input.value) : /^\d{1,2}$/.test(input.value) ? Number(input.value) : null;
    if (value === null || value < 1 || (input.type === "percent_off" && value > 99)) {
      ctx.addIssue({ code: "custom", path: ["value"], message: input.type === "amount_off" ? "valueYuan" : "valuePercent" });
    }
    const minSpend = input.minSpend === "" ? 0 : yuanTextToFen(input.minSpend);
    if (minSpend === null) ctx.addIssue({ code: "custom", path: ["minSpend"], message: "minSpendYuan" });
    if (input.type === "amount_off" && value !== null && minSpend !== null && minSpend > 0 && value > minSpend) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "valueAboveMinSpend" });
    }
    const expiry = expiryInstant(input.expiresAt);
    const now = Date.now();
    if (!expiry) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "expiresAtFormat" });
    else if (expiry.getTime() <= now) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "expiresAtPast" });
    else if (expiry.getTime() > now + MAX_COUPON_LIFETIME_MS) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "expiresAtTooFar" });
    if (value === null || minSpend === null || !expiry) return z.NEVER;
    return {
      buyerId: input.buyerId,
      type: input.type,
      value,
      minSpend,
      expiresAt: expiry.toISOString(),
      ...(input.couponNo ? { couponNo: input.couponNo } : {}),
    };
  });

export type ConsoleCouponForm = z.input<typeof consoleCouponSchema>;
export type ConsoleCoupon = z.output<typeof consoleCouponSchema>;

export const CSV_COLUMNS = ["buyerId", "type", "value", "minSpend", "expiresAt", "couponNo"] as const;

/** One row of the CSV: its line (1-based, as a spreadsheet numbers it) and the coupon, or why it cannot be one. */
export type CouponCsvRow = { line: number } & ({ ok: true; coupon: ConsoleCoupon } | { ok: false; buyerId: string; field: string; error: string });

/**
 * The CSV's rows, checked one by one (a bad row never stops the others). A first row naming the columns
 * (`buyerId,…`) is a header and skipped. Too many rows or characters: `tooLarge`; nothing: `empty`.
 */
export function parseCouponCsv(text: string): { rows: CouponCsvRow[] } | { error: "empty" | "tooLarge" } {
  if (text.length > MAX_COUPON_CSV_CHARS) return { error: "tooLarge" };
  const cells = parseCsv(text);
  const hasHeader = cells[0]?.[0]?.trim().toLowerCase() === "buyerid";
  const data = hasHeader ? cells.slice(1) : cells;
  if (data.length === 0) return { error: "empty" };
  if (data.length > MAX_COUPON_CSV_ROWS) return { error: "tooLarge" };
  return {
    rows: data.map((row, index): CouponCsvRow => {
      const line = index + 1 + (hasHeader ? 1 : 0);
      const [buyerId = "", type = "", value = "", minSpend = "", expiresAt = "", couponNo = ""] = row;
      const shownBuyer = buyerId.trim().slice(0, 64);
      if (row.length > CSV_COLUMNS.length) return { line, ok: false, buyerId: shownBuyer, field: "row", error: "tooManyColumns" };
      const parsed = consoleCouponSchema.safeParse({ buyerId, type: type.trim(), value, minSpend, expiresAt, couponNo });
      if (parsed.success) return { line, ok: true, coupon: parsed.data };
      const issue = parsed.error.issues[0]!;
      return { line, ok: false, buyerId: shownBuyer, field: String(issue.path[0] ?? "row"), error: issue.message };
    }),
  };
}

/** The template offered for download. */
export const COUPON_CSV_TEMPLATE: string[][] = [
  [...CSV_COLUMNS],
  ["U1001", "amount_off", "20.00", "100.00", "2027-06-30", ""],
  ["U1002", "percent_off", "15", "0", "2027-06-30T23:59:59+08:00", "VIP-2027-0001"],
];
