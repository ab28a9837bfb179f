import type { KeyObject } from "node:crypto";
import { db } from "@/server/db";
import type { RateLimit } from "@/server/domain/rate-limit";
import { openRsaPublicKey } from "@/server/domain/rsa-signature";
import { decryptSecret, secretContext } from "@/server/secrets";

export type ApiApp = {
  id: string;
  merchantId: string;
  mode: "TEST" | "LIVE";
  status: "ACTIVE" | "DISABLED";
  merchantStatus: string;
  notifyUrl: string | null;
  repeatGuardSeconds: number;
  refundReviewThreshold: bigint | null;
  /** Secrets that verify a signature now: the current one, and the previous one during its grace period. */
  secrets: string[];
  /** The Open API rate limit (ADR 0029); null = not limited. */
  rateLimit: RateLimit | null;
  /** The app's RSA public key, opened once (X-Sign-Type: RSA-SHA256), or null when it has none. */
  rsaPublicKey: KeyObject | null;
};

const TTL_MS = 5_000;
const cache = new Map<string, { app: ApiApp | null; expires: number }>();

/**
 * The app behind X-App-Id with its opened secrets, cached for 5 s per process (the Open API's hot
 * path would otherwise decrypt on every request). Changes to an app call invalidateApiApp; other
 * nodes see them within the TTL. The app's and the merchant's status here may be that old:
 * authenticate() decides on the ones it reads with the nonce insert, never on these.
 */
export async function loadApiApp(appId: string, now = Date.now()): Promise<ApiApp | null> {
  const hit = cache.get(appId);
  if (hit && hit.expires > now) return hit.app;
  const row = await db.app.findUnique({
    where: { id: appId },
    select: {
      id: true,
      merchantId: true,
      mode: true,
      status: true,
      notifyUrl: true,
      repeatGuardSeconds: true,
      refundReviewThreshold: true,
      rateLimitPerSecond: true,
      rateLimitBurst: true,
      secretEnc: true,
      previousSecretEnc: true,
      previousSecretExpiresAt: true,
      merchant: { select: { status: true } },
      rsaKey: { select: { publicKeyPem: true } },
    },
  });
  const app: ApiApp | null = row && {
    id: row.id,
    merchantId: row.merchantId,
    mode: row.mode,
    status: row.status,
    merchantStatus: row.merchant.status,
    notifyUrl: row.notifyUrl,
    repeatGuardSeconds: row.repeatGuardSeconds,
    refundReviewThreshold: row.refundReviewThreshold,
    secrets: [
      decryptSecret(row.secretEnc, secretContext.appSecret(row.id)),
      ...(row.previousSecretEnc && row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > now
        ? [decryptSecret(row.previousSecretEnc, secretContext.appPreviousSecret(row.id))]
        : []),
    ],
    rateLimit: row.rateLimitPerSecond === null ? null : { perSecond: row.rateLimitPerSecond, burst: row.rateLimitBurst },
    rsaPublicKey: row.rsaKey ? openRsaPublicKey(row.rsaKey.publicKeyPem) : null,
  };
  if (cache.size > 10_000) cache.clear();
  cache.set(appId, { app, expires: now + TTL_MS });
  return app;
}

export function invalidateApiApp(appId?: string): void {
  if (appId) cache.delete(appId);
  else cache.clear();
}
