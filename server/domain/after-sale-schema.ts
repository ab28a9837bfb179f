import { z } from "zod";
import { minorAmountSchema, safeText } from "./pay-order-schema";

/** An order line named by SKU and quantity (after-sales, split parts). */
export const skuQuantitySchema = z.strictObject({
  sku: z.string().min(1).max(64),
  quantity: z.number().int().min(1).max(9999),
});

/** POST /api/v1/orders/{orderNo}/after-sales (OPEN-API.md, "After-sales"). */
export const createAfterSaleSchema = z.strictObject({
  afterSaleNo: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 characters of [A-Za-z0-9_-]"),
  type: z.enum(["return", "refund_only"]),
  amount: minorAmountSchema,
  lines: z.array(skuQuantitySchema).min(1).max(100).optional(),
  reason: safeText(1, 256).optional(),
});
export type CreateAfterSaleInput = z.infer<typeof createAfterSaleSchema>;

/** POST /api/v1/after-sales/{afterSaleId}/reject. */
export const rejectAfterSaleSchema = z.strictObject({ reason: z.string().trim().pipe(safeText(1, 256)) });

