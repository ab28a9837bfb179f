import { z } from "zod";
import { createdAtRange, optionalDate, optionalText } from "./console-query-schema";
import { ORDER_STATUSES, ORDER_TYPES } from "./order-flows";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

/**
 * The console order list's filters (订单中心), from the page's query string or a saved view: every filter
 * of the query API (buyer, store, scene, type, status, SKU, placed dates). Lenient like the
 * other console filters: an unknown status or type is dropped, text is trimmed, empty means "any".
 */
export const orderCenterFilterFields = {
  buyerId: optionalText(64),
  storeId: optionalText(64),
  scene: optionalText(32),
  type: z.enum(ORDER_TYPES).optional().catch(undefined),
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  sku: optionalText(64),
  from: optionalDate,
  to: optionalDate,
};

export const orderCenterFiltersSchema = z.object({ ...orderCenterFilterFields, cursor: optionalText(300) });
export type OrderCenterFilters = z.infer<typeof orderCenterFiltersSchema>;

/** What a saved view keeps: the filters without the cursor. */
export const savedViewFiltersSchema = z.object(orderCenterFilterFields);
export type SavedViewFilters = z.infer<typeof savedViewFiltersSchema>;

export const FILTER_KEYS = Object.keys(orderCenterFilterFields) as (keyof SavedViewFilters)[];

/** A saved view's name: 1–40 characters. */
export const viewNameSchema = z.string().trim().min(1).max(40).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/** The placed-at range of the filters (a plain date is that whole day in China time, `to` inclusive). */
export function placedRange(filters: Pick<SavedViewFilters, "from" | "to">): { gte?: Date; lt?: Date; lte?: Date } | undefined {
  return createdAtRange(filters.from, filters.to);
}
