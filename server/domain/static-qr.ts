import { z } from "zod";
import { randomBase32 } from "./ids";
import { decimalToMinor } from "./money";

/**
 * Aggregated static QR codes (一码付, docs/adr/0025): the console's form and the consumer's amount,
 * shared by the forms, tRPC and the /q routes; the code itself; and the Beijing day the daily cap counts.
 * Error messages are keys below `formErrors.*`.
 */

/** 16 Crockford base32 characters: 80 random bits, unguessable, short enough for a printed URL. */
export function newStaticQrCode(): string {
  return randomBase32(16);
}

export const STATIC_QR_CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** Yuan as typed: up to 2 decimals. */
const YUAN = /^\d{1,7}(\.\d{1,2})?$/;
/** The largest fixed or entered amount: 100,000.00 yuan (static codes are capped far below it anyway). */
export const STATIC_QR_MAX_FEN = 10_000_000n;

const text = (max: number) => z.string().trim().min(1, { error: "required" }).max(max, { error: "tooLong" }).refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { error: "invalidChars" });

export const createStaticQrSchema = z.object({
  appId: z.string().min(1, { error: "required" }).max(64),
  /** "" = the app itself, no store. */
  storeId: z
    .string()
    .trim()
    .refine((value) => value === "" || /^[A-Za-z0-9_-]{1,64}$/.test(value), { error: "storeIdInvalid" }),
  name: z.string().trim().min(1, { error: "nameRequired" }).max(64, { error: "nameTooLong" }),
  subject: text(128),
  /** "" = open amount: the consumer enters it. */
  amountYuan: z
    .string()
    .trim()
    .refine((value) => value === "" || (YUAN.test(value) && decimalToMinor(value, "CNY") >= 1n), { error: "yuanInvalid" })
    .refine((value) => value === "" || !YUAN.test(value) || decimalToMinor(value, "CNY") <= STATIC_QR_MAX_FEN, { error: "yuanTooLarge" }),
});

export type CreateStaticQrInput = z.input<typeof createStaticQrSchema>;

/** The amount the consumer types on the keypad, in yuan. */
export const payerAmountSchema = z
  .string()
  .trim()
  .regex(YUAN, { error: "yuanInvalid" })
  .transform((value) => decimalToMinor(value, "CNY"))
  .refine((fen) => fen >= 1n, { error: "yuanInvalid" })
  .refine((fen) => fen <= STATIC_QR_MAX_FEN, { error: "yuanTooLarge" });

/** The start of the Beijing (UTC+8, no daylight saving) day that `now` falls in. */
export function beijingDayStart(now: Date): Date {
  const shifted = now.getTime() + 8 * 3_600_000;
  return new Date(shifted - (shifted % 86_400_000) - 8 * 3_600_000);
}

/** Which channel pays inside which app's browser. */
export const STATIC_QR_CHANNELS = { wechat: "wechatpay", alipay: "alipay" } as const;
export type StaticQrPayerApp = keyof typeof STATIC_QR_CHANNELS;
