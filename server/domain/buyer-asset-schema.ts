import { z } from "zod";
import { safeText } from "./pay-order-schema";
import { isStorableText } from "./storable-text";

/**
 * The trade center's buyer-asset requests (OPEN-API.md, "Trade center"): wallet top-ups, points grants
 * and coupons. Pure: shared by the Open API, the console (coupon issuance, one buyer or a CSV list) and
 * the tests. Amounts become bigint here; past the schema no code converts them again.
 */

/** Merchant numbers of top-ups, grants and coupons: 1–64 of [A-Za-z0-9_-], unique per app. */
export const ASSET_NO_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const assetNo = z.string().regex(ASSET_NO_SHAPE, "must be 1–64 characters of [A-Za-z0-9_-]");

/** A top-up pays 0.01 … 50,000.00 yuan. */
export const TOP_UP_LIMITS = { min: 1, max: 5_000_000 } as const;
/** A grant credits 1 … 100,000,000 points. */
export const GRANT_LIMITS = { min: 1, max: 100_000_000 } as const;
/** Largest fen figure a coupon may carry (a billion yuan, as for orders). */
export const MAX_COUPON_FEN = 100_000_000_000;
/** A coupon expires at most this far ahead. */
export const MAX_COUPON_LIFETIME_MS = 5 * 366 * 24 * 3600 * 1000;

const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * A buyer id as the order center stores `buyer.id`: 1–64 characters, storable, trimmed (no space at
 * either end) and without control characters. Any other value can never name a buyer.
 */
export const buyerIdSchema = z
  .string()
  .min(1, "must be 1–64 characters")
  .max(64, "must be 1–64 characters")
  .refine((value) => isStorableText(value) && !SINGLE_LINE_CONTROL.test(value) && value.trim() === value, "must be a buyer id: no control characters, no space at either end");

/** True when the value could be a buyer's id (a path value that could not answers as an unknown buyer). */
export function isBuyerId(value: unknown): value is string {
  return buyerIdSchema.safeParse(value).success;
}

const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .number()
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .transform((value) => BigInt(value));

/** POST /api/v1/buyers/{buyerId}/wallet/top-ups */
export const topUpSchema = z.strictObject({
  topUpNo: assetNo,
  amount: wholeNumber(TOP_UP_LIMITS.min, TOP_UP_LIMITS.max, "fen"),
});
export type TopUpInput = z.output<typeof topUpSchema>;

/** POST /api/v1/buyers/{buyerId}/points/grants */
export const grantSchema = z.strictObject({
  grantNo: assetNo,
  points: wholeNumber(GRANT_LIMITS.min, GRANT_LIMITS.max, "points"),
  /** Trimmed; blank is the same as none. */
  reason: safeText(0, 128)
    .transform((value) => value.trim() || undefined)
    .optional(),
});
export type GrantInput = z.output<typeof grantSchema>;

export const COUPON_TYPES = ["amount_off", "percent_off"] as const;
export type CouponType = (typeof COUPON_TYPES)[number];

/**
 * POST /api/v1/coupons (and each row of the console's CSV issuance). The shape only: whether expiresAt
 * is far enough ahead depends on the time of issue (couponExpiryIssue), and a replay of a coupon issued
 * earlier is answered even once its expiry has passed.
 */
export const couponSchema = z
  .strictObject({
    couponNo: assetNo,
    buyerId: buyerIdSchema,
    type: z.enum(COUPON_TYPES),
    value: z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_COUPON_FEN),
    minSpend: wholeNumber(0, MAX_COUPON_FEN, "fen").default(0n),
    expiresAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset" }).transform((value) => new Date(value)),
  })
  .superRefine((coupon, ctx) => {
    if (coupon.type === "percent_off" && typeof coupon.value === "number" && coupon.value > 99) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "must be a percentage from 1 to 99 for percent_off" });
    }
  })
  .transform(({ value, ...coupon }) => ({ ...coupon, value: BigInt(value) }));
export type CouponInput = z.output<typeof couponSchema>;

/** Why a coupon expiring at `expiresAt` may not be issued at `now` (null: it may). */
export function couponExpiryIssue(expiresAt: Date, now = Date.now()): string | null {
  if (expiresAt.getTime() <= now) return "must be in the future";
  if (expiresAt.getTime() > now + MAX_COUPON_LIFETIME_MS) return "must be at most 5 years ahead";
  return null;
}
