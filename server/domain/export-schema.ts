import { z } from "zod";
import { ledgerFiltersSchema } from "./ledger-schema";
import { CHANNEL_CODES } from "./channel-codes";
import { yuanAmount } from "./refund-schema";
import { localDateSchema } from "./report-range";
import { PAY_ORDER_STATUSES } from "./pay-order-states";
import { ORDER_STATUSES, ORDER_TYPES } from "./order-flows";
import { differenceExportFiltersSchema } from "./reconciliation-schema";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_SOURCES = ["ledger", "orders", "refunds", "orderCenter", "reconDifferences"] as const;
export type ExportSource = (typeof EXPORT_SOURCES)[number];

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "noControlCharacters")
    .optional()
    .transform((v) => (v === "" ? undefined : v));

const dateOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;

/** Orders export: created between the local days from … to (both included). */
export const orderExportFiltersSchema = z
  .object({
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    appId: text(64),
    status: z.enum(PAY_ORDER_STATUSES).optional(),
    /** Exact payOrderNo, mchOrderNo or channelTradeNo (as the orders table's search box). */
    search: text(64),
    /** Orders with an attempt on this channel. */
    channel: z.enum(CHANNEL_CODES).optional(),
    /** Amount range in yuan, both included. */
    minAmount: yuanAmount.optional(),
    maxAmount: yuanAmount.optional(),
  })
  .refine(dateOrder, { message: "dateOrder", path: ["to"] });

/** Refunds export: requested between the local days from … to (both included). */
export const refundExportFiltersSchema = z
  .object({
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    appId: text(64),
    status: z.enum(["PENDING_REVIEW", "PROCESSING", "SUCCEEDED", "FAILED", "REJECTED"]).optional(),
    kind: z.enum(["MERCHANT", "DUPLICATE_PAYMENT"]).optional(),
    /** Exact refundNo, mchRefundNo or payOrderNo. */
    search: text(64),
  })
  .refine(dateOrder, { message: "dateOrder", path: ["to"] });

/**
 * Order-center export (订单中心): the list's filters, placed between the local days from … to. `dealerStoreIds`
 * is never the client's: createExport sets it from a DEALER's membership (and drops it for everyone else).
 */
export const orderCenterExportFiltersSchema = z
  .object({
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    buyerId: text(64),
    storeId: text(64),
    scene: text(32),
    type: z.enum(ORDER_TYPES).optional(),
    status: z.enum(ORDER_STATUSES).optional(),
    sku: text(64),
    dealerStoreIds: z.array(z.string().max(64)).max(50).optional(),
  })
  .refine(dateOrder, { message: "dateOrder", path: ["to"] });

const format = z.enum(EXPORT_FORMATS);
const locale = z.enum(["zh-CN", "en"]).default("zh-CN");

/** What the console asks for: which rows (source + the page's filters), in which format and header language. */
export const createExportSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("ledger"), format, locale, filters: ledgerFiltersSchema }),
  z.object({ source: z.literal("orders"), format, locale, filters: orderExportFiltersSchema }),
  z.object({ source: z.literal("refunds"), format, locale, filters: refundExportFiltersSchema }),
  z.object({ source: z.literal("orderCenter"), format, locale, filters: orderCenterExportFiltersSchema }),
  z.object({ source: z.literal("reconDifferences"), format, locale, filters: differenceExportFiltersSchema }),
]);

export type CreateExportInput = z.input<typeof createExportSchema>;
export type ParsedExportRequest = z.output<typeof createExportSchema>;
export type OrderExportFilters = z.output<typeof orderExportFiltersSchema>;
export type RefundExportFilters = z.output<typeof refundExportFiltersSchema>;
export type OrderCenterExportFilters = z.output<typeof orderCenterExportFiltersSchema>;
