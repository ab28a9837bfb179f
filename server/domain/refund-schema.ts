import { z } from "zod";
import { decimalToMinor, MAX_AMOUNT_MINOR } from "./money";
import { httpUrl, minorAmountSchema, safeText } from "./pay-order-schema";

/** The Open API's refund request (OPEN-API.md), shared by the Open API and the console. */
export const createRefundSchema = z.strictObject({
  // Any value that names no order of this app is 404 ORDER_NOT_FOUND (OPEN-API.md), well-formed or not: the service decides.
  payOrderNo: z.string().min(1).max(64),
  mchRefundNo: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 characters of [A-Za-z0-9_-]"),
  amount: minorAmountSchema,
  reason: safeText(1, 256).optional(),
  notifyUrl: httpUrl.optional(),
});

export type CreateRefundInput = z.infer<typeof createRefundSchema>;

/** A yuan amount typed by a person: "128", "128.5", "128.50" — never a float on the way to fen. */
export const yuanAmount = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, "amountFormat")
  .refine((value) => Number(value) > 0, "amountPositive");

/** Yuan typed by a person, turned into fen (a bigint) during validation. The console takes CNY only. */
export const yuanToFen = yuanAmount
  .transform((value) => decimalToMinor(value, "CNY"))
  .refine((fen) => fen <= MAX_AMOUNT_MINOR, "amountTooLarge");

/**
 * The console's refund form (not strict: tRPC merges it with { mchNo }) (order page): amount in yuan (fen once
 * validated), a reason, and a request id so a double click refunds once. The form validates the raw input with it;
 * the server parses again and gets the fen.
 */
export const consoleRefundSchema = z.object({
  payOrderNo: createRefundSchema.shape.payOrderNo,
  amount: yuanToFen,
  reason: safeText(1, 256),
  requestId: z.string().regex(/^[A-Za-z0-9-]{8,40}$/),
});

/** What the form holds (yuan as typed) and what the server gets after parsing (fen). */
export type ConsoleRefundForm = z.input<typeof consoleRefundSchema>;
export type ConsoleRefundInput = z.output<typeof consoleRefundSchema>;

/** Approve (a note is optional) or reject (a reason is required) a refund held for review. */
export const reviewRefundSchema = z.discriminatedUnion("decision", [
  z.object({ refundNo: z.string().min(1).max(40), decision: z.literal("approve"), note: safeText(0, 256).default("") }),
  z.object({ refundNo: z.string().min(1).max(40), decision: z.literal("reject"), note: z.string().trim().pipe(safeText(1, 256)) }),
]);
