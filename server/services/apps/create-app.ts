import { db } from "@/server/db";
import { newAppId, newAppSecret } from "@/server/domain/ids";
import { AppError } from "@/server/errors";
import { encryptSecret, secretContext } from "@/server/secrets";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { ensureDefaultRouteRule } from "@/server/services/routing/ensure-default-route-rule";
import { appSettingsColumns } from "./app-settings";
import { appSnapshot } from "./find-app";

type Input = { name: string; mode: "TEST" | "LIVE"; notifyUrl: string; refundReviewThresholdYuan: string; repeatGuardSeconds: number };

/**
 * Creates an app, its first secret and its default route rule. The secret is returned here and never again (it is stored
 * sealed; a lost one is replaced by rotation). A merchant not yet approved may create TEST apps only.
 */
export async function createApp(merchant: { id: string; status: string }, actor: AuditActor, input: Input) {
  if (input.mode === "LIVE" && merchant.status !== "ACTIVE") {
    throw new AppError("MERCHANT_INACTIVE", "liveNeedsActiveMerchant", { field: "mode" });
  }
  const columns = await appSettingsColumns(input, input.mode);
  const id = newAppId();
  const secret = newAppSecret(input.mode);
  const app = await db.$transaction(async (tx) => {
    const created = await tx.app.create({
      data: { id, merchantId: merchant.id, mode: input.mode, secretEnc: encryptSecret(secret, secretContext.appSecret(id)), ...columns },
    });
    await ensureDefaultRouteRule(tx, id);
    await recordAudit(tx, actor, { merchantId: merchant.id, action: "app.created", targetType: "app", targetId: id, after: appSnapshot(created) });
    return created;
  });
  return { appId: app.id, mode: app.mode, secret };
}
