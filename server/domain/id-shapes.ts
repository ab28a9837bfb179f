/**
 * The shapes of the identifiers this app hands out (ids.ts makes them). A value of another shape
 * names nothing here: callers answer it as not found before any query, so no hostile value (NUL,
 * 70 digits, a half-decoded escape) ever reaches the database.
 */
const SHAPES = {
  /** `P` + China-time yyyyMMddHHmmssSSS + 8 Crockford base32 characters (ids.ts). */
  payOrderNo: /^P\d{17}[0-9A-HJKMNP-TV-Z]{8}$/,
  /** An attempt: `payOrderNo-N`, the channel's out_trade_no. */
  attemptNo: /^P\d{17}[0-9A-HJKMNP-TV-Z]{8}-\d{1,4}$/,
  /** `F` + the same. */
  refundNo: /^F\d{17}[0-9A-HJKMNP-TV-Z]{8}$/,
  /** Channel accounts are keyed by a UUID (the id in their notify URL). */
  channelAccountId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /** The merchant's own numbers for its orders and refunds (OPEN-API.md). */
  mchOrderNo: /^[A-Za-z0-9_-]{1,64}$/,
  mchRefundNo: /^[A-Za-z0-9_-]{1,64}$/,
  /** Merchant numbers (M10000001); loose on purpose, as the console's own filter is. */
  mchNo: /^[A-Za-z0-9]{1,32}$/,
} as const;

export type IdKind = keyof typeof SHAPES;

export function hasIdShape(kind: IdKind, value: unknown): value is string {
  return typeof value === "string" && SHAPES[kind].test(value);
}
