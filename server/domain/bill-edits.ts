import { z } from "zod";

/**
 * A difference the sandbox writes into its trade bills, so that reconciliation's every branch can be
 * exercised: `outNo` names a row (out_trade_no of a payment row, out_refund_no of a refund row).
 * - drop: the row is left out (短款 on our side: the journal has it, the channel not);
 * - amount / fee: the row's amount or fee is off by `delta` fen;
 * - status: the row's state flips (a payment SUCCESS → REVOKED, a refund SUCCESS → PROCESSING);
 * - extra: the bill of `billDate` gains a payment PayCenter never saw (长款), of `amount` fen.
 */
export const billEditSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("drop"), outNo: z.string().min(1).max(64) }),
  z.object({ type: z.literal("amount"), outNo: z.string().min(1).max(64), delta: z.number().int().min(-1_000_000_00).max(1_000_000_00) }),
  z.object({ type: z.literal("fee"), outNo: z.string().min(1).max(64), delta: z.number().int().min(-1_000_000_00).max(1_000_000_00) }),
  z.object({ type: z.literal("status"), outNo: z.string().min(1).max(64) }),
  z.object({
    type: z.literal("extra"),
    billDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    outTradeNo: z.string().min(1).max(64),
    amount: z.number().int().min(1).max(1_000_000_00),
  }),
]);
export type BillEdit = z.infer<typeof billEditSchema>;
