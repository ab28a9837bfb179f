import { randomBytes } from "node:crypto";

/** Crockford base32: no I, L, O, U — unambiguous when read aloud or typed from a receipt. */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += CROCKFORD[byte & 31];
  return out;
}

/** Public app id, e.g. `app_7K2M9QX4T1VZ8C3R`. */
export function newAppId(): string {
  return `app_${randomBase32(16)}`;
}

/** App secret shown once to the merchant: 256 bits, prefixed by mode so a leaked key is recognisable. */
export function newAppSecret(mode: "TEST" | "LIVE"): string {
  return `sk_${mode.toLowerCase()}_${randomBytes(32).toString("base64url")}`;
}


/** Webhook/event id in Stripe's style: `evt_` + sortable time + randomness. */
export function newEventId(now = Date.now()): string {
  return `evt_${now.toString(36).padStart(9, "0")}${randomBase32(12).toLowerCase()}`;
}

/** yyyyMMddHHmmssSSS in China Standard Time (UTC+8), the way merchants read their order numbers. */
function chinaTimestamp(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/[-:TZ.]/g, "").slice(0, 17);
}

/**
 * Our order number: `P` + CST timestamp to the millisecond + 8 random Crockford characters (40 bits),
 * e.g. `P20261122103000123K7M2Q9XT`: sortable by time, unique, and not enumerable. 26 characters, so
 * `payOrderNo-N` fits WeChat Pay's 32-character out_trade_no.
 */
export function newPayOrderNo(now = new Date()): string {
  return `P${chinaTimestamp(now)}${randomBase32(8)}`;
}

/** The attempt number sent to the channel as out_trade_no. */
export function attemptNo(payOrderNo: string, seq: number): string {
  return `${payOrderNo}-${seq}`;
}

/** Our refund number, same shape as payOrderNo with `F`. */
export function newRefundNo(now = new Date()): string {
  return `F${chinaTimestamp(now)}${randomBase32(8)}`;
}

/** Our split number (分账单, WeChat out_order_no, Alipay out_request_no): same shape as payOrderNo with `D`. */
export function newSplitNo(now = new Date()): string {
  return `D${chinaTimestamp(now)}${randomBase32(8)}`;
}

/** Our split return number (分账回退, WeChat out_return_no): same shape with `B`. */
export function newSplitReturnNo(now = new Date()): string {
  return `B${chinaTimestamp(now)}${randomBase32(8)}`;
}

/** Data export id: `exp_` + sortable time + randomness (lower case: it names the file too). */
export function newExportId(now = Date.now()): string {
  return `exp_${now.toString(36).padStart(9, "0")}${randomBase32(10).toLowerCase()}`;
}

/** The order center's numbers, same shape as payOrderNo: order `O…`, after-sale `A…`, shipment `S…`, import `I…`. */
export function newOrderNo(now = new Date()): string {
  return `O${chinaTimestamp(now)}${randomBase32(8)}`;
}

export function newAfterSaleId(now = new Date()): string {
  return `A${chinaTimestamp(now)}${randomBase32(8)}`;
}

export function newShipmentNo(now = new Date()): string {
  return `S${chinaTimestamp(now)}${randomBase32(8)}`;
}

export function newImportId(now = new Date()): string {
  return `I${chinaTimestamp(now)}${randomBase32(8)}`;
}

/** The trade center's trade id `T…`, same shape as the order center's numbers. */
export function newTradeId(now = new Date()): string {
  return `T${chinaTimestamp(now)}${randomBase32(8)}`;
}
