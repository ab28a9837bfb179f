import { db } from "@/server/db";
import { newAppSecret } from "@/server/domain/ids";
import { AppError } from "@/server/errors";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { decryptSecret, encryptSecret, secretContext } from "@/server/secrets";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { findMerchantApp } from "./find-app";

/**
 * Replaces an app's secret. The old one keeps verifying signatures for `graceHours` (0: it stops at
 * once), so integrations can switch without downtime; a secret older than that is dropped. The new
 * secret is returned this once. Compare-and-set on the current secret: two rotations at once cannot
 * both succeed and lose a secret someone was shown.
 */
export async function rotateAppSecret(merchantId: string, actor: AuditActor, appId: string, graceHours: number, now = new Date()) {
  const result = await db.$transaction(async (tx) => {
    const app = await findMerchantApp(merchantId, appId, tx);
    const secret = newAppSecret(app.mode);
    const previousSecretExpiresAt = graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000) : null;
    const previous = decryptSecret(app.secretEnc, secretContext.appSecret(appId));
    const { count } = await tx.app.updateMany({
      where: { id: appId, merchantId, secretEnc: app.secretEnc },
      data: {
        secretEnc: encryptSecret(secret, secretContext.appSecret(appId)),
        previousSecretEnc: previousSecretExpiresAt ? encryptSecret(previous, secretContext.appPreviousSecret(appId)) : null,
        previousSecretExpiresAt,
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "the secret was rotated meanwhile: reload and try again");
    await recordAudit(tx, actor, {
      merchantId,
      action: "app.key_rotated",
      targetType: "app",
      targetId: appId,
      before: { previousKeyValidUntil: app.previousSecretExpiresAt?.toISOString() ?? null },
      after: { graceHours, previousKeyValidUntil: previousSecretExpiresAt?.toISOString() ?? null },
    });
    return { secret, previousSecretExpiresAt };
  });
  invalidateApiApp(appId);
  return result;
}
