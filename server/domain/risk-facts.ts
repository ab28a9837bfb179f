import { createHash } from "node:crypto";
import { maskPhone, normalisePhone } from "./phone";
import type { RiskFacts } from "./risk";
import type { CreateOrderInput } from "./order-schema";
import type { RiskListKind } from "./risk-rule-schema";

/**
 * Turning what a create request says into RiskFacts (docs/adr/0018): one spelling per phone, IP, device and
 * address, so counters and blacklists match whatever the business system sent. Pure.
 */

/** Text compared by the risk check: full-width folded to half-width (NFKC), lower case, no white space. */
export function foldText(raw: string): string {
  return raw.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

/** An IP as counted: trimmed, lower case, an IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as its IPv4. Undefined when blank. */
export function normaliseIp(raw: string | null | undefined): string | undefined {
  const ip = raw?.trim().toLowerCase();
  if (!ip) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  return mapped ? mapped[1] : ip;
}

/** A device id or openid as counted: trimmed, at most 128 characters; undefined when blank. */
export function normaliseId(raw: string | null | undefined): string | undefined {
  const id = raw?.trim();
  return id ? id.slice(0, 128) : undefined;
}

export type AddressParts = { province?: string | null; city?: string | null; district?: string | null; detail?: string | null };

/** The minimum a detail must have to deliver to (a street and a number, roughly). */
const MIN_DETAIL = 4;

/**
 * A shipping address as one folded text (province + city + district + detail, so "北京市 朝阳区…" and
 * "北京市朝阳区…" are one address) and whether it is complete: province, city and a detail of 4 characters or more.
 */
export function normaliseAddress(address: AddressParts): { text: string; complete: boolean } {
  const part = (value: string | null | undefined) => foldText(value ?? "");
  const [province, city, district, detail] = [part(address.province), part(address.city), part(address.district), part(address.detail)];
  return { text: `${province}${city}${district}${detail}`, complete: province.length > 0 && city.length > 0 && [...detail].length >= MIN_DETAIL };
}

/**
 * The duplicate-order key: buyer + lines (sorted, so the order of lines does not matter) + amount, hashed.
 * Two orders with this key within N minutes are the same order pushed twice.
 */
export function orderFingerprint(buyerId: string, lines: readonly { sku: string; quantity: number; unitPrice: bigint }[], amount: bigint): string {
  const sorted = lines.map((l) => `${l.sku}\u0000${l.quantity}\u0000${l.unitPrice}`).sort();
  return createHash("sha256").update([buyerId, amount.toString(), ...sorted].join("\u0001")).digest("base64url");
}

/** A blacklist value as stored and matched: phones as 11 digits, IPs as normaliseIp, address keywords folded. */
export function normaliseListValue(kind: RiskListKind, raw: string): string | null {
  switch (kind) {
    case "PHONE":
      return normalisePhone(raw);
    case "IP":
      return normaliseIp(raw) ?? null;
    case "ADDRESS_KEYWORD": {
      const folded = foldText(raw);
      return folded || null;
    }
    case "BUYER_ID":
    case "OPENID":
    case "DEVICE":
      return normaliseId(raw) ?? null;
  }
}

/** The (kind, value) pairs of the facts an exact-match blacklist can hit (address keywords match by substring). */
export function listValues(facts: RiskFacts): { kind: Exclude<RiskListKind, "ADDRESS_KEYWORD">; value: string }[] {
  const pairs: { kind: Exclude<RiskListKind, "ADDRESS_KEYWORD">; value: string | undefined }[] = [
    { kind: "BUYER_ID", value: facts.buyerId },
    { kind: "PHONE", value: facts.phone },
    { kind: "IP", value: facts.ip },
    { kind: "OPENID", value: facts.openid },
    { kind: "DEVICE", value: facts.deviceId },
  ];
  return pairs.filter((p): p is { kind: Exclude<RiskListKind, "ADDRESS_KEYWORD">; value: string } => p.value !== undefined);
}

/** Keeps the first and last character of each 6, the rest as `*`: enough for a person to recognise an address. */
function maskAddress(text: string): string {
  const chars = [...text];
  if (chars.length <= 6) return `${chars[0] ?? ""}***`;
  return `${chars.slice(0, 6).join("")}${"*".repeat(Math.min(chars.length - 6, 12))}`;
}

/** The facts as a RiskDecision row keeps them: personal data masked (phone, address), amounts as digits. */
export function maskedFacts(facts: RiskFacts): Record<string, unknown> {
  return {
    checkpoint: facts.checkpoint,
    amount: facts.amount.toString(),
    at: facts.at.toISOString(),
    ...(facts.buyerId !== undefined ? { buyerId: facts.buyerId } : {}),
    ...(facts.phone !== undefined ? { phone: maskPhone(facts.phone) } : {}),
    ...(facts.ip !== undefined ? { ip: facts.ip } : {}),
    ...(facts.deviceId !== undefined ? { deviceId: facts.deviceId } : {}),
    ...(facts.openid !== undefined ? { openid: facts.openid } : {}),
    ...(facts.address !== undefined ? { address: { text: maskAddress(facts.address.text), complete: facts.address.complete } } : {}),
  };
}

/** The facts of an order create (checkpoint ORDER): the buyer, the phone (the buyer's, else the receiver's), the client, the address. */
export function orderRiskFacts(app: { id: string; merchantId: string }, input: CreateOrderInput, at: Date): RiskFacts {
  const phone = input.buyer.phone ?? input.shippingAddress?.phone;
  const ip = normaliseIp(input.client?.ip);
  const deviceId = normaliseId(input.client?.deviceId);
  return {
    checkpoint: "ORDER",
    merchantId: app.merchantId,
    appId: app.id,
    at,
    amount: input.payableAmount,
    buyerId: input.buyer.id,
    ...(phone ? { phone } : {}),
    ...(ip ? { ip } : {}),
    ...(deviceId ? { deviceId } : {}),
    ...(input.shippingAddress ? { address: normaliseAddress(input.shippingAddress) } : {}),
    fingerprint: orderFingerprint(input.buyer.id, input.lines, input.payableAmount),
  };
}

/** The facts of a payment (pay order, trade, cashier): the payer as the request or the cashier knows it. */
export function paymentRiskFacts(
  checkpoint: "PAY_ORDER" | "TRADE" | "CASHIER",
  scope: { appId: string; merchantId: string },
  amount: bigint,
  payer: { buyerId?: string | null; phone?: string | null; ip?: string | null; deviceId?: string | null; openid?: string | null },
  at: Date,
): RiskFacts {
  const ip = normaliseIp(payer.ip);
  const deviceId = normaliseId(payer.deviceId);
  const openid = normaliseId(payer.openid);
  const buyerId = normaliseId(payer.buyerId);
  const phone = payer.phone ? normalisePhone(payer.phone) : null;
  return {
    checkpoint,
    merchantId: scope.merchantId,
    appId: scope.appId,
    at,
    amount,
    ...(buyerId ? { buyerId } : {}),
    ...(phone ? { phone } : {}),
    ...(ip ? { ip } : {}),
    ...(deviceId ? { deviceId } : {}),
    ...(openid ? { openid } : {}),
  };
}
