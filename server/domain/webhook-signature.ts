import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signing (OPEN-API.md): `X-PayCenter-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(app secret, t + "." + raw body)>`.
 * Receivers verify it and reject old timestamps, so a captured webhook cannot be replayed later.
 */
export function webhookSignature(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function verifyWebhookSignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) return false;
  const expected = webhookSignature(secret, body, t).split("v1=")[1];
  return timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(parts.v1, "hex"));
}

/** Seconds before each retry after a failed delivery: about 24 h in all, then FAILED. */
export const WEBHOOK_RETRY_SECONDS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600] as const;
