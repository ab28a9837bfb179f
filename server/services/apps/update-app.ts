import { db } from "@/server/db";
import { changedFields } from "@/server/domain/redact";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { appSettingsColumns } from "./app-settings";
import { appSnapshot, findMerchantApp } from "./find-app";

type Input = { name: string; notifyUrl: string; refundReviewThresholdYuan: string; repeatGuardSeconds: number };

/** Edits an app's settings (not its mode: a TEST app never turns LIVE, create a LIVE app instead). */
export async function updateApp(merchantId: string, actor: AuditActor, appId: string, input: Input) {
  const current = await findMerchantApp(merchantId, appId);
  const columns = await appSettingsColumns(input, current.mode);
  await db.$transaction(async (tx) => {
    const before = appSnapshot(await findMerchantApp(merchantId, appId, tx));
    const updated = await tx.app.update({ where: { id: appId }, data: columns });
    const after = appSnapshot(updated);
    if (changedFields(before, after).length === 0) return;
    await recordAudit(tx, actor, { merchantId, action: "app.updated", targetType: "app", targetId: appId, before, after });
  });
  invalidateApiApp(appId);
}
