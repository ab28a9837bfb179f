import { z } from "zod";
import { ORDER_FLOWS } from "./order-flows";

/**
 * An app's order-center settings (the app's settings page): the flows its orders may take, days after
 * shipping until an order completes by itself, and hours after payment until an unshipped order is overdue
 * ("" = no shipping deadline), and the trade center's points rate (how many points are worth one yuan,
 * OPEN-API.md "Trade center"). Messages are keys below `orderCenter.settings.errors`.
 */
const integer = (min: number, max: number) =>
  z.coerce
    .number<string | number>({ error: "integer" })
    .int({ error: "integer" })
    .min(min, { error: "range" })
    .max(max, { error: "range" });

export const orderSettingsSchema = z.object({
  orderFlows: z.array(z.enum(ORDER_FLOWS)).min(1, { error: "flowRequired" }).max(ORDER_FLOWS.length),
  autoCompleteDays: integer(1, 90),
  shipWithinHours: z.union([z.literal(""), integer(1, 720)]),
  /** Absent: unchanged (callers from before the trade center send no rate). */
  pointsPerYuan: integer(1, 10_000).optional(),
});

export type OrderSettingsInput = z.input<typeof orderSettingsSchema>;
