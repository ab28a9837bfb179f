import { z } from "zod";
import { defaultFlow, FLOW_STEPS, ORDER_STATUSES, type OrderFlow, type OrderStatus } from "./order-flows";
import { checkOrderRules, orderFieldsSchema } from "./order-schema";

/** At most this many orders per import (OPEN-API.md, "Import"). */
export const MAX_IMPORT_ITEMS = 1000;

/** POST /api/v1/orders/imports: the envelope; each item is validated on its own when the import runs. */
export const startOrderImportSchema = z.strictObject({
  orders: z.array(z.unknown()).min(1, "at least one order").max(MAX_IMPORT_ITEMS, `at most ${MAX_IMPORT_ITEMS} orders`),
});

/** Statuses an imported order may not be in: it opens no pay order and is never a split parent. */
const NOT_IMPORTABLE: readonly OrderStatus[] = ["PENDING_PAYMENT", "DEPOSIT_PAID", "SPLIT"];

/**
 * One imported order: the shape of POST /api/v1/orders (the same field and cross-field rules, text
 * trimmed, phones normalised) plus `status` (any of its flow's but PENDING_PAYMENT / DEPOSIT_PAID /
 * SPLIT, or CANCELLED; default COMPLETED), `paidAmount` (default payableAmount, 0 when CANCELLED; at
 * most payableAmount) and `placedAt` (not in the future). A presale's balanceDueAt may be past: it is history.
 */
export const importItemSchema = orderFieldsSchema
  .extend({
    status: z
      .enum(ORDER_STATUSES)
      .refine((status) => !NOT_IMPORTABLE.includes(status), "cannot be imported in this status")
      .optional(),
    paidAmount: z
      .number()
      .int("must be an integer number of fen")
      .min(0)
      .max(100_000_000_000)
      .transform((fen) => BigInt(fen))
      .optional(),
    placedAt: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .refine((at) => at.getTime() <= Date.now() + 300_000, "must not be in the future")
      .optional(),
  })
  .superRefine((item, ctx) => {
    checkOrderRules(item, ctx, 0);
    const flow = item.flow ?? defaultFlow(item.type);
    const status = item.status ?? "COMPLETED";
    if (status !== "CANCELLED" && !FLOW_STEPS[flow].includes(status)) {
      ctx.addIssue({ code: "custom", path: ["status"], message: `is not a status of the ${flow} flow` });
    }
    if (typeof item.paidAmount === "bigint" && typeof item.payableAmount === "bigint" && item.paidAmount > item.payableAmount) {
      ctx.addIssue({ code: "custom", path: ["paidAmount"], message: "must not exceed payableAmount" });
    }
  })
  .transform((item) => {
    const flow: OrderFlow = item.flow ?? defaultFlow(item.type);
    const status: OrderStatus = item.status ?? "COMPLETED";
    const paidAmount = item.paidAmount ?? (status === "CANCELLED" ? 0n : item.payableAmount);
    return { ...item, flow, status, paidAmount };
  });

export type ImportItem = z.output<typeof importItemSchema>;

export type ImportItemError = { index: number; field: string; message: string };

/** An item as it will land, or its first fault as the import's status reports it. */
export function parseImportItem(raw: unknown, index: number): { ok: true; item: ImportItem } | { ok: false; error: ImportItemError } {
  const parsed = importItemSchema.safeParse(raw);
  if (parsed.success) return { ok: true, item: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: { index, field: issue?.path.map(String).join(".") ?? "", message: issue?.message ?? "invalid order" } };
}
