import { z } from "zod";
import { httpUrl, safeText } from "./pay-order-schema";

/** The Open API's refund request (OPEN-API.md), shared by the Open API and the console. */
export const createRefundSchema = z.strictObject({
  payOrderNo: z.string().regex(/^P\d{17}[0-9A-Z]{8}$/, "is not a payOrderNo"),
  mchRefundNo: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 characters of [A-Za-z0-9_-]"),
  amount: z.number().int("must be an integer number of fen").min(1).max(100_000_000_000),
  reason: safeText(1, 256).optional(),
  notifyUrl: httpUrl.optional(),
});

export type CreateRefundInput = z.infer<typeof createRefundSchema>;
