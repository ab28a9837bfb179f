import { z } from "zod";
import { ORDER_FLOWS, ORDER_STATUSES, ORDER_TYPES } from "./order-flows";
import { httpUrl, metadataSchema, safeText } from "./pay-order-schema";
import { normalisePhone } from "./phone";

/**
 * The order center's Open API requests (OPEN-API.md, "Order center"): create, transition, cancel, and
 * the list's query string. Pure: shared by the Open API, the console and the import.
 */

/** `O` + China-time yyyyMMddHHmmssSSS + 8 Crockford base32 characters (ids.ts): any other value names no order. */
export const ORDER_NO_SHAPE = /^O\d{17}[0-9A-HJKMNP-TV-Z]{8}$/;
export const SOURCE_ORDER_NO_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** Largest fen amount a single figure may carry (a billion yuan), as for pay orders. */
const MAX_FEN = 100_000_000_000;

const fen = (min: number) =>
  z
    .number()
    .int("must be an integer number of fen")
    .min(min)
    .max(MAX_FEN)
    .transform((value) => BigInt(value));

const code = (pattern: RegExp, message: string) => z.string().regex(pattern, message);

/** Text that must say something: storable, no control characters, trimmed, not blank. */
const text = (min: number, max: number) =>
  safeText(0, max + 64)
    .transform((value) => value.trim())
    .pipe(z.string().min(min, min > 0 ? "must not be blank" : undefined).max(max));

/** A mainland mobile number, stored normalised (11 digits); `+86`, `0086`, spaces and dashes are stripped. */
export const phoneSchema = z.string().max(32).transform((value, ctx) => {
  const phone = normalisePhone(value);
  if (!phone) {
    ctx.addIssue({ code: "custom", message: "must be an 11-digit mainland mobile number" });
    return z.NEVER;
  }
  return phone;
});

export const buyerSchema = z.strictObject({
  id: text(1, 64),
  name: text(0, 64).optional(),
  phone: phoneSchema.optional(),
});

export const orderLineSchema = z.strictObject({
  sku: text(1, 64),
  name: text(1, 128),
  quantity: z.number().int().min(1).max(9999),
  unitPrice: fen(0),
  kind: z.enum(["stock", "custom"]).default("stock"),
});

export const shippingAddressSchema = z.strictObject({
  receiver: text(1, 64),
  phone: phoneSchema,
  province: text(1, 32),
  city: text(1, 32),
  district: text(0, 32).optional(),
  detail: text(1, 256),
});

/** The buyer's client as the business system saw it (zod's IP checks: this schema also runs in the browser). */
export const clientSchema = z.strictObject({
  ip: z.string().refine((ip) => z.ipv4().safeParse(ip).success || z.ipv6().safeParse(ip).success, "must be an IPv4 or IPv6 address").optional(),
  deviceId: safeText(1, 128).optional(),
});

export const presaleSchema = z.strictObject({
  depositAmount: fen(1),
  balanceDueAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  depositRefundable: z.boolean().default(false),
});

/** The fields of an order as pushed (POST /api/v1/orders), before the cross-field rules. */
export const orderFieldsSchema = z.strictObject({
  sourceOrderNo: code(SOURCE_ORDER_NO_SHAPE, "must be 1–64 characters of [A-Za-z0-9_-]"),
  type: z.enum(ORDER_TYPES),
  scene: code(/^[a-z0-9_]{1,32}$/, "must be 1–32 characters of [a-z0-9_]"),
  storeId: code(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 characters of [A-Za-z0-9_-]").optional(),
  buyer: buyerSchema,
  lines: z.array(orderLineSchema).min(1, "at least one line").max(100, "at most 100 lines"),
  discountAmount: fen(0).default(0n),
  shippingAmount: fen(0).default(0n),
  payableAmount: fen(0),
  presale: presaleSchema.optional(),
  flow: z.enum(ORDER_FLOWS).optional(),
  shippingAddress: shippingAddressSchema.optional(),
  expireInSeconds: z.number().int().min(60).max(86_400).default(1800),
  openPayment: z.boolean().default(true),
  notifyUrl: httpUrl.optional(),
  metadata: metadataSchema.optional(),
  /** Where the buyer ordered from, for risk control (docs/adr/0018); not part of the order's parameters. */
  client: clientSchema.optional(),
});

type OrderFields = z.output<typeof orderFieldsSchema>;

/** Σ quantity × unitPrice − discount + shipping, in fen. */
export function expectedPayable(order: Pick<OrderFields, "lines" | "discountAmount" | "shippingAmount">): bigint {
  const goods = order.lines.reduce((sum, line) => sum + BigInt(line.quantity) * line.unitPrice, 0n);
  return goods - order.discountAmount + order.shippingAmount;
}

/** True when every amount became a bigint and every quantity is a whole number (the field rules passed). */
function amountsParsed(order: OrderFields): boolean {
  const big = (value: unknown) => typeof value === "bigint";
  return (
    big(order.payableAmount) &&
    big(order.discountAmount) &&
    big(order.shippingAmount) &&
    Array.isArray(order.lines) &&
    order.lines.every((line) => big(line.unitPrice) && Number.isSafeInteger(line.quantity)) &&
    (!order.presale || (big(order.presale.depositAmount) && order.presale.balanceDueAt instanceof Date))
  );
}

/** The rules across fields (amounts, presale); `now` decides whether balanceDueAt is far enough ahead. */
export function checkOrderRules(order: OrderFields, ctx: z.RefinementCtx, now = Date.now()): void {
  // zod runs refinements after non-fatal issues too: the amounts may still be the numbers sent
  if (!amountsParsed(order)) return;
  if (order.payableAmount !== expectedPayable(order)) {
    ctx.addIssue({ code: "custom", path: ["payableAmount"], message: "must equal Σ quantity × unitPrice − discountAmount + shippingAmount" });
  }
  if (order.type !== "points" && order.payableAmount < 1n) {
    ctx.addIssue({ code: "custom", path: ["payableAmount"], message: "must be at least 1 fen (0 only for points orders)" });
  }
  if (order.type === "presale" && !order.presale) ctx.addIssue({ code: "custom", path: ["presale"], message: "is required for presale orders" });
  if (order.type !== "presale" && order.presale) ctx.addIssue({ code: "custom", path: ["presale"], message: "is only for presale orders" });
  if (order.presale) {
    if (order.presale.depositAmount >= order.payableAmount) {
      ctx.addIssue({ code: "custom", path: ["presale", "depositAmount"], message: "must be less than payableAmount" });
    }
    if (order.presale.balanceDueAt.getTime() < now + 60_000) {
      ctx.addIssue({ code: "custom", path: ["presale", "balanceDueAt"], message: "must be at least 60 s ahead" });
    }
  }
}

export const createOrderSchema = orderFieldsSchema.superRefine((order, ctx) => checkOrderRules(order, ctx));

export type CreateOrderInput = z.output<typeof createOrderSchema>;

/** POST /api/v1/orders/{orderNo}/transitions */
export const transitionSchema = z.strictObject({
  to: z.enum(ORDER_STATUSES),
  carrier: text(1, 64).optional(),
  trackingNo: code(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 characters of [A-Za-z0-9_-]").optional(),
  note: text(0, 500).optional(),
});
export type TransitionInput = z.output<typeof transitionSchema>;

/** POST /api/v1/orders/{orderNo}/cancel */
export const cancelOrderSchema = z.strictObject({ reason: text(0, 500).optional() });
export type CancelOrderInput = z.output<typeof cancelOrderSchema>;

/** GET /api/v1/orders?… — every filter of the contract, and nothing else. */
export const listOrdersQuerySchema = z.strictObject({
  buyerId: text(1, 64).optional(),
  storeId: code(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 characters of [A-Za-z0-9_-]").optional(),
  scene: code(/^[a-z0-9_]{1,32}$/, "must be 1–32 characters of [a-z0-9_]").optional(),
  type: z.enum(ORDER_TYPES).optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  sku: text(1, 64).optional(),
  placedFrom: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
  placedTo: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "must be a whole number from 1 to 100")
    .transform(Number)
    .pipe(z.number().min(1).max(100))
    .default(20),
  cursor: z.string().max(200).optional(),
});
export type ListOrdersQuery = z.output<typeof listOrdersQuerySchema>;

/** The query string as an object for listOrdersQuerySchema: a name given twice is refused (never silently one of them). */
export function queryObject(params: URLSearchParams): { value: Record<string, string> } | { duplicate: string } {
  const value: Record<string, string> = {};
  for (const [name, v] of params) {
    if (Object.hasOwn(value, name)) return { duplicate: name };
    value[name] = v;
  }
  return { value };
}
