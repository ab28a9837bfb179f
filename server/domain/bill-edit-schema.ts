import { z } from "zod";
import type { BillEdit } from "./bill-edits";
import { decimalToMinor, minorToDecimal } from "./money";
import { localDateSchema } from "./report-range";

/**
 * The sandbox's bill differences (server/sandbox/faults.ts billEditSchema) as the console edits them:
 * people type yuan, so a signed delta ("-0.50", "+1", "3.20") or an amount becomes fen here, digit by
 * digit (money.ts), never through a float. `outNo` is the order's or refund's out no (for `extra`, the
 * out_trade_no of the payment the bill gains). Error messages are keys below `formErrors.*`.
 */
export const BILL_EDIT_TYPES = ["drop", "amount", "fee", "status", "extra"] as const;
export type BillEditType = (typeof BILL_EDIT_TYPES)[number];
/** As many edits as the sandbox keeps per merchant. */
export const MAX_BILL_EDITS = 2000;
/** Largest delta or amount: 1,000,000.00 yuan (the sandbox's own bound). */
const MAX_FEN = 1_000_000_00n;

const SIGNED_YUAN = /^[+-]?\d{1,10}(?:\.\d{1,2})?$/;
const YUAN = /^\d{1,10}(?:\.\d{1,2})?$/;

/** "-0.50" → -50; null when not a yuan figure with at most two decimals. */
export function signedYuanToFen(text: string): bigint | null {
  const value = text.trim();
  if (!SIGNED_YUAN.test(value)) return null;
  return decimalToMinor(value.replace(/^\+/, ""));
}

export const billEditFormSchema = z
  .object({
    type: z.enum(BILL_EDIT_TYPES, { error: "billEditTypeInvalid" }),
    outNo: z
      .string()
      .trim()
      .min(1, { error: "outNoRequired" })
      .max(64, { error: "outNoTooLong" })
      .refine((value) => !/[\s\u0000-\u001f\u007f]/.test(value), { error: "outNoInvalid" }),
    /** amount / fee: signed yuan. */
    deltaYuan: z.string().trim().max(16, { error: "yuanInvalid" }),
    /** extra: the bill's day (YYYY-MM-DD). */
    billDate: z.string().trim().max(10, { error: "billDateInvalid" }),
    /** extra: the payment's amount in yuan. */
    amountYuan: z.string().trim().max(16, { error: "yuanInvalid" }),
  })
  .transform((input, ctx): BillEdit => {
    const { type, outNo } = input;
    if (type === "drop" || type === "status") return { type, outNo };
    if (type === "amount" || type === "fee") {
      const delta = signedYuanToFen(input.deltaYuan);
      if (delta === null) ctx.addIssue({ code: "custom", path: ["deltaYuan"], message: "yuanInvalid" });
      else if (delta === 0n) ctx.addIssue({ code: "custom", path: ["deltaYuan"], message: "billDeltaZero" });
      else if (delta > MAX_FEN || delta < -MAX_FEN) ctx.addIssue({ code: "custom", path: ["deltaYuan"], message: "billDeltaRange" });
      return { type, outNo, delta: Number(delta ?? 0n) };
    }
    if (!localDateSchema.safeParse(input.billDate).success) ctx.addIssue({ code: "custom", path: ["billDate"], message: "billDateInvalid" });
    const amount = YUAN.test(input.amountYuan) ? decimalToMinor(input.amountYuan) : null;
    if (amount === null) ctx.addIssue({ code: "custom", path: ["amountYuan"], message: "yuanInvalid" });
    else if (amount < 1n || amount > MAX_FEN) ctx.addIssue({ code: "custom", path: ["amountYuan"], message: "billAmountRange" });
    return { type, billDate: input.billDate, outTradeNo: outNo, amount: Number(amount ?? 0n) };
  });

export type BillEditFormInput = z.input<typeof billEditFormSchema>;

export const billEditsFormSchema = z.array(billEditFormSchema).max(MAX_BILL_EDITS, { error: "billEditsTooMany" });

/** A stored edit back in the form's shape (to send the list again without it, or with one more). */
export function billEditToForm(edit: BillEdit): BillEditFormInput {
  switch (edit.type) {
    case "drop":
    case "status":
      return { type: edit.type, outNo: edit.outNo, deltaYuan: "", billDate: "", amountYuan: "" };
    case "amount":
    case "fee":
      return { type: edit.type, outNo: edit.outNo, deltaYuan: minorToDecimal(edit.delta), billDate: "", amountYuan: "" };
    case "extra":
      return { type: "extra", outNo: edit.outTradeNo, deltaYuan: "", billDate: edit.billDate, amountYuan: minorToDecimal(edit.amount) };
  }
}
