import { db } from "@/server/db";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { parseRsaPublicKey } from "@/server/domain/rsa-signature";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { findMerchantApp } from "./find-app";

/** The app's RSA public key as its page shows it: fingerprint, size and when, never more than the public key. */
export async function getAppRsaKey(merchantId: string, appId: string) {
  await findMerchantApp(merchantId, appId);
  return db.appRsaKey.findUnique({ where: { appId }, select: { fingerprint: true, bits: true, createdAt: true, updatedAt: true } });
}

/**
 * Registers or replaces the app's RSA public key (docs/adr/0030). A key that is not an RSA public key of
 * 2048–8192 bits is refused with the reason as a field error; the change is audited with the fingerprints.
 */
export async function setAppRsaKey(merchantId: string, actor: AuditActor, appId: string, pem: string) {
  const parsed = parseRsaPublicKey(pem);
  if ("problem" in parsed) throw new AppError("VALIDATION_FAILED", parsed.problem, { field: "publicKey" });
  const result = await db.$transaction(async (tx) => {
    await findMerchantApp(merchantId, appId, tx);
    const before = await tx.appRsaKey.findUnique({ where: { appId }, select: { fingerprint: true, bits: true } });
    const key = await tx.appRsaKey.upsert({
      where: { appId },
      create: { appId, publicKeyPem: parsed.pem, fingerprint: parsed.fingerprint, bits: parsed.bits },
      update: { publicKeyPem: parsed.pem, fingerprint: parsed.fingerprint, bits: parsed.bits },
      select: { fingerprint: true, bits: true, createdAt: true, updatedAt: true },
    });
    await recordAudit(tx, actor, {
      merchantId,
      action: before ? "app.rsa_key_replaced" : "app.rsa_key_added",
      targetType: "app",
      targetId: appId,
      before,
      after: { fingerprint: parsed.fingerprint, bits: parsed.bits },
    });
    return key;
  });
  invalidateApiApp(appId);
  return result;
}

/** Removes the app's RSA key: RSA-signed requests are refused from then on (HMAC stays). Audited. */
export async function removeAppRsaKey(merchantId: string, actor: AuditActor, appId: string) {
  await db.$transaction(async (tx) => {
    await findMerchantApp(merchantId, appId, tx);
    const before = await tx.appRsaKey.findUnique({ where: { appId }, select: { fingerprint: true, bits: true } });
    if (!before) throw new AppError("NOT_FOUND", "the app has no RSA key");
    const { count } = await tx.appRsaKey.deleteMany({ where: { appId, fingerprint: before.fingerprint } });
    if (count === 0) throw new AppError("CONFLICT", "the key changed meanwhile: reload and try again");
    await recordAudit(tx, actor, { merchantId, action: "app.rsa_key_removed", targetType: "app", targetId: appId, before, after: null });
  });
  invalidateApiApp(appId);
}
