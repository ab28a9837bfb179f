import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The buyer's "my orders" link (用户端"我的订单"): a short-lived token naming one buyer of one merchant,
 * signed with HMAC-SHA256 under a key derived from the server's secret. Nothing is stored: the link is
 * good until it expires, and a token changed in any byte (another buyer, a later expiry) is refused.
 * Shape: base64url(JSON {m, b, e}) "." base64url(HMAC).
 */
export type PortalClaims = { merchantId: string; buyerId: string; expiresAt: Date };

/** Links live 5 min … 24 h; 30 min unless the business system asks otherwise. */
export const PORTAL_TTL = { min: 300, max: 86_400, default: 1800 } as const;

function mac(key: Buffer, payload: string): Buffer {
  return createHmac("sha256", key).update(`portal-link.v1.${payload}`).digest();
}

export function signPortalToken(key: Buffer, claims: PortalClaims): string {
  const payload = Buffer.from(JSON.stringify({ m: claims.merchantId, b: claims.buyerId, e: Math.floor(claims.expiresAt.getTime() / 1000) })).toString("base64url");
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

/** The claims of a genuine, unexpired token; anything else (forged, truncated, expired, garbage) → null. */
export function verifyPortalToken(key: Buffer, token: string, now: Date = new Date()): PortalClaims | null {
  if (token.length > 600) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(key, payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object") return null;
  const { m, b, e } = parsed as Record<string, unknown>;
  if (typeof m !== "string" || typeof b !== "string" || typeof e !== "number" || !Number.isSafeInteger(e)) return null;
  if (e * 1000 <= now.getTime()) return null;
  return { merchantId: m, buyerId: b, expiresAt: new Date(e * 1000) };
}
