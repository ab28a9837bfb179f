import { z } from "zod";
import { BARCODE_REVERSED } from "./barcode-loop";
import { storeIdField } from "./member-schema";
import { decimalToMinor } from "./money";
import { safeText } from "./pay-order-schema";

/**
 * The store POS (门店收银): what a clerk sends to take one barcode payment (付款码). Pure: shared by the POS
 * form in the browser and the tRPC router. Error messages are keys of the `pos.fieldErrors` catalogue.
 */

/** The largest amount the POS takes in one payment: ¥100,000.00 (above the channels' own limits for payment codes). */
export const POS_MAX_AMOUNT_FEN = 10_000_000n;

/**
 * "12.5" (yuan, as typed on the keypad) → 1250n fen, digit by digit (money.ts), never through a float: up to two
 * decimals, at least ¥0.01, at most POS_MAX_AMOUNT_FEN.
 */
export const yuanAmountField = z.string({ error: "amountInvalid" }).transform((text, ctx) => {
  const trimmed = text.trim();
  let fen: bigint;
  try {
    if (!/^\d{1,9}(\.\d{0,2})?$/.test(trimmed)) throw new RangeError("not a yuan amount");
    fen = decimalToMinor(trimmed.endsWith(".") ? trimmed.slice(0, -1) : trimmed, "CNY");
  } catch {
    ctx.addIssue({ code: "custom", message: "amountInvalid" });
    return z.NEVER;
  }
  if (fen < 1n) {
    ctx.addIssue({ code: "custom", message: "amountTooSmall" });
    return z.NEVER;
  }
  if (fen > POS_MAX_AMOUNT_FEN) {
    ctx.addIssue({ code: "custom", message: "amountTooLarge" });
    return z.NEVER;
  }
  return fen;
});

/** A payer's payment code as a scanner reads it: 10–32 digits (WeChat 18 digits from 10–15, Alipay 16–24 from 25–30). */
export const authCodeField = z
  .string({ error: "authCodeInvalid" })
  .transform((code) => code.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{10,32}$/, { error: "authCodeInvalid" }));

/** The client's key of one payment, so that a repeated submit (double Enter, a retry) takes the payment once. */
export const posRequestIdField = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, { error: "requestInvalid" });

export const posNoteField = safeText(0, 64 + 16)
  .transform((note) => note.trim())
  .pipe(z.string().max(64, { error: "noteTooLong" }));

export const takePosPaymentSchema = z.object({
  appId: z.string({ error: "appRequired" }).min(1, { error: "appRequired" }).max(64, { error: "appRequired" }),
  storeId: z.string({ error: "storeRequired" }).trim().min(1, { error: "storeRequired" }).pipe(storeIdField),
  amount: yuanAmountField,
  note: posNoteField.optional(),
  authCode: authCodeField,
  requestId: posRequestIdField,
});
export type TakePosPaymentInput = z.output<typeof takePosPaymentSchema>;

/** The amount and note before scanning (the form's first step). */
export const posAmountSchema = z.object({ amount: yuanAmountField, note: posNoteField.optional() });

/** A POS payment as the clerk sees it. */
export const POS_STATUSES = ["waiting", "paid", "failed", "cancelled"] as const;
export type PosStatus = (typeof POS_STATUSES)[number];

/** Why a payment did not go through, in words a clerk can act on (`pos.reasons.*`). */
export const POS_FAILURE_REASONS = [
  "codeExpired",
  "codeInvalid",
  "insufficientFunds",
  "declined",
  "noChannel",
  "channelUnavailable",
  "timeout",
  "notConfirmed",
  "unknown",
] as const;
export type PosFailureReason = (typeof POS_FAILURE_REASONS)[number];

/**
 * A failed attempt's failure code and message (the channel's own, recorded by the payment center) → the reason the
 * clerk is told. WeChat Pay (AUTHCODEEXPIRE, AUTH_CODE_INVALID, NOTENOUGH…) and Alipay (ACQ.PAYMENT_AUTH_CODE_INVALID,
 * ACQ.BUYER_BALANCE_NOT_ENOUGH…) codes are matched by their words; anything else the channel refused is "declined".
 */
export function posFailureReason(failureCode: string | null, failureMessage: string | null, payOutcome: string | null = null): PosFailureReason {
  const code = (failureCode ?? "").toUpperCase();
  if (code === BARCODE_REVERSED) return "notConfirmed";
  const text = `${code} ${(failureMessage ?? "").toUpperCase()}`;
  if (/EXPIRE|过期/.test(text)) return "codeExpired";
  if (/AUTH_?CODE|AUTHCODE|付款码|条码/.test(text)) return "codeInvalid";
  if (/NOTENOUGH|NOT_ENOUGH|BALANCE|余额不足/.test(text)) return "insufficientFunds";
  if (/NO_CHANNEL|NO ENABLED CHANNEL ACCOUNT|NOCHANNEL/.test(text)) return "noChannel";
  if (payOutcome === "timeout" || /TIMEOUT/.test(code)) return "timeout";
  if (payOutcome === "unavailable" || payOutcome === "unsupported" || /UNAVAILABLE|UNSUPPORTED/.test(code)) return "channelUnavailable";
  if (payOutcome === "rejected" || code) return "declined";
  return "unknown";
}
