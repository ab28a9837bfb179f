import { db } from "@/server/db";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { findMerchantApp } from "./find-app";

/**
 * Disables or enables an app. A disabled app's Open API calls answer 403 APP_DISABLED at once on this
 * node (its cache entry is dropped) and within the cache's few seconds on the others.
 */
export async function setAppStatus(merchantId: string, actor: AuditActor, appId: string, status: "ACTIVE" | "DISABLED") {
  const changed = await db.$transaction(async (tx) => {
    const app = await findMerchantApp(merchantId, appId, tx);
    const { count } = await tx.app.updateMany({ where: { id: appId, merchantId, status: app.status }, data: { status } });
    if (count === 0 || app.status === status) return false;
    await recordAudit(tx, actor, {
      merchantId,
      action: status === "ACTIVE" ? "app.enabled" : "app.disabled",
      targetType: "app",
      targetId: appId,
      before: { status: app.status },
      after: { status },
    });
    return true;
  });
  invalidateApiApp(appId);
  return { status, changed };
}
