import { createHash } from "node:crypto";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

/**
 * Idempotency-Key with Stripe's semantics (OPEN-API.md): the first response to a key is stored for
 * 24 h and replayed for the same key and body; another body → 422 IDEMPOTENCY_KEY_REUSED; while the
 * first is still running → 409 IDEMPOTENCY_IN_PROGRESS (unless its process died: IN_PROGRESS_STALE_MS).
 * Server errors are not stored, so a retry runs again.
 */
const TTL_MS = 24 * 3600_000;

/**
 * A claim still IN_PROGRESS after this long belongs to a request whose process died (every handler
 * answers well within it): the same request may take the key over instead of getting 409 for 24 h.
 */
export const IN_PROGRESS_STALE_MS = 120_000;

export type StoredResponse = { status: number; body: unknown };

export function requestHash(method: string, path: string, rawBody: string): string {
  return createHash("sha256").update(`${method}\n${path}\n`).update(rawBody).digest("hex");
}

export function parseIdempotencyKey(value: string | null): string | null {
  if (value === null) return null;
  if (value.length === 0 || value.length > 255) {
    throw new AppError("VALIDATION_FAILED", "Idempotency-Key must be 1–255 characters", { field: "Idempotency-Key" });
  }
  return value;
}

/** Claims the key, or answers with the stored response (replay). */
export async function claimIdempotencyKey(
  appId: string,
  key: string,
  method: string,
  path: string,
  hash: string,
): Promise<{ replay: StoredResponse } | { claimed: true }> {
  const now = new Date();
  const claimed = await db.$executeRaw`
    INSERT INTO "IdempotencyKey" ("appId", key, method, path, "requestHash", state, "createdAt", "expiresAt")
    VALUES (${appId}, ${key}, ${method}, ${path}, ${hash}, 'IN_PROGRESS', ${now}, ${new Date(now.getTime() + TTL_MS)})
    ON CONFLICT ("appId", key) DO UPDATE
      SET method = EXCLUDED.method, path = EXCLUDED.path, "requestHash" = EXCLUDED."requestHash", state = 'IN_PROGRESS',
          "responseStatus" = NULL, "responseBody" = NULL, "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "IdempotencyKey"."expiresAt" < ${now}
         OR ("IdempotencyKey".state = 'IN_PROGRESS' AND "IdempotencyKey"."createdAt" < ${new Date(now.getTime() - IN_PROGRESS_STALE_MS)}
             AND "IdempotencyKey"."requestHash" = EXCLUDED."requestHash")`;
  if (claimed === 1) return { claimed: true };
  const existing = await db.idempotencyKey.findUnique({ where: { appId_key: { appId, key } } });
  if (!existing) return claimIdempotencyKey(appId, key, method, path, hash);
  if (existing.requestHash !== hash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used with another request", { field: "Idempotency-Key" });
  }
  if (existing.state === "IN_PROGRESS") {
    throw new AppError("IDEMPOTENCY_IN_PROGRESS", "a request with this Idempotency-Key is still running", { retryAfter: 1 });
  }
  return { replay: { status: existing.responseStatus ?? 200, body: existing.responseBody } };
}

/** Stores the response (2xx and 4xx), or releases the key after a server error so the client may retry. */
export async function settleIdempotencyKey(appId: string, key: string, response: StoredResponse): Promise<void> {
  // Server errors and rate limits are not results: release the key so a retry runs again.
  if (response.status >= 500 || response.status === 429) {
    await db.idempotencyKey.delete({ where: { appId_key: { appId, key } } }).catch(() => undefined);
    return;
  }
  await db.idempotencyKey.update({
    where: { appId_key: { appId, key } },
    data: { state: "COMPLETED", responseStatus: response.status, responseBody: response.body as object },
  });
}
