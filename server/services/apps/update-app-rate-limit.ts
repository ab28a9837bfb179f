import { db } from "@/server/db";
import { invalidateApiApp } from "@/server/apps/app-cache";
import type { RateLimit } from "@/server/domain/rate-limit";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

/**
 * Sets an app's Open API rate limit, audited (`app.rate_limit_updated`). This node applies it at once;
 * other web nodes within the app cache's 5 s. The bucket keeps its tokens (clamped to the new burst).
 */
export async function updateAppRateLimit(merchantId: string, actor: AuditActor, appId: string, limit: RateLimit) {
  await db.$transaction(async (tx) => {
    const current = await tx.app.findFirst({ where: { id: appId, merchantId }, select: { rateLimitPerSecond: true, rateLimitBurst: true } });
    if (!current) throw new AppError("NOT_FOUND", "no such app");
    const before = { perSecond: current.rateLimitPerSecond, burst: current.rateLimitBurst };
    if (before.perSecond === limit.perSecond && before.burst === limit.burst) return;
    await tx.app.update({ where: { id: appId }, data: { rateLimitPerSecond: limit.perSecond, rateLimitBurst: limit.burst } });
    await recordAudit(tx, actor, { merchantId, action: "app.rate_limit_updated", targetType: "app", targetId: appId, before, after: limit });
  });
  invalidateApiApp(appId);
}
