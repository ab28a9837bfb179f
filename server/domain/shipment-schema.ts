import { z } from "zod";
import { safeText } from "./pay-order-schema";

/** POST /api/v1/shipments: several orders of one buyer in one parcel. */
export const createShipmentSchema = z.strictObject({
  orderNos: z
    .array(z.string().min(1).max(64))
    .min(1)
    .max(100)
    .refine((nos) => new Set(nos).size === nos.length, "must not name an order twice"),
  carrier: safeText(1, 32).optional(),
  trackingNo: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 characters of [A-Za-z0-9_-]").optional(),
});
export type CreateShipmentInput = z.infer<typeof createShipmentSchema>;
