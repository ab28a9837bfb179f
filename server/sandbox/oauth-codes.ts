import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/server/db";
import { loadEnv } from "@/server/env";

/**
 * The sandbox channels' payer identity (OAuth): who the sandbox's payer is at an app and the one-time
 * codes the authorize step hands to the merchant's page. Both are derived from the deployment's
 * encryption key, so the sandbox keeps no table for them; a code's single use is recorded in ApiNonce
 * under a sandbox-only app id.
 */

const CODE_TTL_SECONDS = 300;

function derive(label: string): Buffer {
  return createHmac("sha256", loadEnv().PAYCENTER_ENCRYPTION_KEY).update(`sandbox.oauth:${label}`).digest();
}

/** The sandbox payer `user` as the channel names them to this app: a WeChat openid, an Alipay 2088 user id. */
export function sandboxPayerId(channel: "wechatpay" | "alipay", appId: string, user: string): string {
  const digest = derive(`payer:${channel}:${appId}:${user}`);
  if (channel === "alipay") return `2088${(digest.readBigUInt64BE(0) % 10n ** 12n).toString().padStart(12, "0")}`;
  return `o${digest.toString("base64url").slice(0, 27)}`;
}

type CodeClaims = { channel: string; appId: string; payerId: string; expiresAt: number };

/** A one-time code for the payer, bound to the app, valid 5 minutes (WeChat's and Alipay's own lifetime). */
export function issueOAuthCode(channel: "wechatpay" | "alipay", appId: string, payerId: string): string {
  const claims: CodeClaims = { channel, appId, payerId, expiresAt: Math.floor(Date.now() / 1000) + CODE_TTL_SECONDS };
  const body = Buffer.from(JSON.stringify({ ...claims, n: randomBytes(8).toString("hex") })).toString("base64url");
  return `${body}.${createHmac("sha256", derive("code")).update(body).digest("base64url")}`;
}

export type RedeemedCode = { payerId: string } | { refused: "INVALID" | "EXPIRED" | "USED" };

/** Redeems a code for the app once: a forged, foreign, expired or used code is refused. */
export async function redeemOAuthCode(channel: "wechatpay" | "alipay", appId: string, code: string): Promise<RedeemedCode> {
  const [body, mac] = code.split(".");
  if (!body || !mac) return { refused: "INVALID" };
  const expected = createHmac("sha256", derive("code")).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { refused: "INVALID" };
  let claims: CodeClaims;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as CodeClaims;
  } catch {
    return { refused: "INVALID" };
  }
  if (claims.channel !== channel || claims.appId !== appId) return { refused: "INVALID" };
  if (claims.expiresAt * 1000 < Date.now()) return { refused: "EXPIRED" };
  try {
    await db.apiNonce.create({
      data: { appId: `sandbox-oauth:${channel}`, nonce: createHash("sha256").update(code).digest("hex"), expiresAt: new Date(claims.expiresAt * 1000) },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { refused: "USED" };
    throw error;
  }
  return { payerId: claims.payerId };
}

/** An http(s) URL the authorize step may send the browser back to, or null. */
export function redirectTarget(value: string | null): URL | null {
  if (!value || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** The sandbox payer the authorize step signs in as: `sandbox_user` (a sandbox-only parameter), else the default one. */
export function sandboxUserOf(params: URLSearchParams): string {
  const user = params.get("sandbox_user") ?? "1";
  return /^[A-Za-z0-9_-]{1,32}$/.test(user) ? user : "1";
}
