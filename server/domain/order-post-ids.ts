import { ORDER_NO_SHAPE } from "./order-schema";

/**
 * The shapes of the order center's numbers (ids.ts): `O`/`A`/`I` + China-time yyyyMMddHHmmssSSS + 8
 * Crockford base32 characters. A value of another shape names nothing: answered as not found before
 * any query, so no hostile value (NUL, a half-decoded escape) reaches the database (as id-shapes.ts).
 */
const SHAPE = (prefix: string) => new RegExp(`^${prefix}\\d{17}[0-9A-HJKMNP-TV-Z]{8}$`);
const SHAPES = { orderNo: ORDER_NO_SHAPE, afterSaleId: SHAPE("A"), importId: SHAPE("I") } as const;

export function hasOrderCenterIdShape(kind: keyof typeof SHAPES, value: unknown): value is string {
  return typeof value === "string" && SHAPES[kind].test(value);
}
