import { merchantMayTransact } from "@/server/domain/merchant-status";
import { AppError } from "@/server/errors";
import { sql } from "@/server/sql";
import { type ApiApp, loadApiApp } from "@/server/apps/app-cache";
import { NONCE_PATTERN, NONCE_TTL_SECONDS, signatureMatches, stringToSign, TIMESTAMP_WINDOW_SECONDS } from "@/server/domain/open-api-signature";
import { rsaSignatureMatches, signTypeOf } from "@/server/domain/rsa-signature";
import { noteRequestApp, noteRequestVerified } from "./request-log";

/**
 * Verifies an Open API request: app, timestamp window, signature (HMAC-SHA256 with the app's secret, or
 * RSA-SHA256 with its registered public key when X-Sign-Type says so), then the nonce (recorded only
 * once the signature is good, so nobody can burn another app's nonces), then app and merchant status
 * (revealed only to a caller that proved it holds the secret).
 */
export async function authenticate(request: Request, rawBody: string, now = Date.now()): Promise<ApiApp> {
  const appId = request.headers.get("x-app-id") ?? "";
  const timestamp = request.headers.get("x-timestamp") ?? "";
  const nonce = request.headers.get("x-nonce") ?? "";
  const signature = request.headers.get("x-signature") ?? "";

  const app = appId.length > 0 && appId.length <= 64 ? await loadApiApp(appId, now) : null;
  if (!app) throw new AppError("APP_NOT_FOUND", "unknown X-App-Id", { field: "X-App-Id" });
  const signType = signTypeOf(request.headers.get("x-sign-type"));
  noteRequestApp(request, app, rawBody, signType);

  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS) {
    throw new AppError("TIMESTAMP_OUT_OF_WINDOW", `X-Timestamp must be Unix seconds within ${TIMESTAMP_WINDOW_SECONDS} s of now`, { field: "X-Timestamp" });
  }
  if (!NONCE_PATTERN.test(nonce)) throw new AppError("INVALID_SIGNATURE", "X-Nonce must be 16–64 characters of [A-Za-z0-9]", { field: "X-Nonce" });

  const url = new URL(request.url);
  const text = stringToSign(request.method, url.pathname + url.search, timestamp, nonce, rawBody);
  checkSignature(app, signType, text, signature);

  // The nonce insert also reads the app's and the merchant's status as they are now (same round
  // trip): the cache holds the opened secrets, never the decision, so a suspension or a disabled app
  // takes effect on every node at once.
  const { rows } = await sql<{ inserted: number; appStatus: ApiApp["status"]; merchantStatus: string }>(
    `WITH inserted AS (
       INSERT INTO "ApiNonce" ("appId", nonce, "expiresAt") VALUES ($1, $2, $3)
       ON CONFLICT ("appId", nonce) DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt" WHERE "ApiNonce"."expiresAt" < $4
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM inserted)::int AS inserted, a.status::text AS "appStatus", m.status::text AS "merchantStatus"
     FROM "App" a JOIN "Merchant" m ON m.id = a."merchantId" WHERE a.id = $1`,
    [app.id, nonce, new Date(now + NONCE_TTL_SECONDS * 1000), new Date(now)],
  );
  const current = rows[0];
  if (!current) throw new AppError("APP_NOT_FOUND", "unknown X-App-Id", { field: "X-App-Id" });
  if (current.inserted === 0) throw new AppError("NONCE_REUSED", "X-Nonce was already used", { field: "X-Nonce" });

  if (current.appStatus !== "ACTIVE") throw new AppError("APP_DISABLED", "the app is disabled");
  // A merchant under onboarding may use its TEST apps in the sandbox; a suspended one no app at all.
  if (!merchantMayTransact(current.merchantStatus, app.mode)) throw new AppError("MERCHANT_INACTIVE", "the merchant is not active");
  noteRequestVerified(request);
  return { ...app, status: current.appStatus, merchantStatus: current.merchantStatus };
}

function checkSignature(app: ApiApp, signType: ReturnType<typeof signTypeOf>, text: string, signature: string): void {
  if (signType === null) throw new AppError("INVALID_SIGNATURE", "X-Sign-Type must be HMAC-SHA256 or RSA-SHA256", { field: "X-Sign-Type" });
  if (signType === "RSA-SHA256") {
    if (!app.rsaPublicKey) {
      throw new AppError("INVALID_SIGNATURE", "X-Sign-Type is RSA-SHA256 but the app has no RSA public key: upload one in the console, or sign with HMAC-SHA256", { field: "X-Sign-Type" });
    }
    if (!rsaSignatureMatches(app.rsaPublicKey, text, signature)) {
      throw new AppError("INVALID_SIGNATURE", "X-Signature is not a valid RSA-SHA256 signature of the request with the app's public key", { field: "X-Signature" });
    }
    return;
  }
  if (!app.secrets.some((secret) => signatureMatches(secret, text, signature))) {
    throw new AppError("INVALID_SIGNATURE", "X-Signature does not match the request", { field: "X-Signature" });
  }
}
