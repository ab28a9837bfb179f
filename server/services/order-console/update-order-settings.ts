import { db } from "@/server/db";
import type { OrderFlow } from "@/server/domain/order-flows";
import { AppError } from "@/server/errors";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

type Settings = { orderFlows: OrderFlow[]; autoCompleteDays: number; shipWithinHours: number | ""; pointsPerYuan?: number };

const SELECT = { orderFlows: true, autoCompleteDays: true, shipWithinHours: true, pointsPerYuan: true } as const;

/** The app's order-center settings (and the trade center's points rate), for the settings card. */
export async function getOrderSettings(merchantId: string, appId: string) {
  const app = await db.app.findFirst({ where: { id: appId, merchantId }, select: SELECT });
  if (!app) throw new AppError("NOT_FOUND", "app not found");
  return app;
}

/** Saves them (audited with before/after); another merchant's app is not found. */
export async function updateOrderSettings(merchantId: string, actor: AuditActor, appId: string, input: Settings) {
  const data = { orderFlows: [...new Set(input.orderFlows)], autoCompleteDays: input.autoCompleteDays, shipWithinHours: input.shipWithinHours === "" ? null : input.shipWithinHours, ...(input.pointsPerYuan !== undefined ? { pointsPerYuan: input.pointsPerYuan } : {}) };
  const saved = await db.$transaction(async (tx) => {
    const before = await tx.app.findFirst({ where: { id: appId, merchantId }, select: SELECT });
    if (!before) throw new AppError("NOT_FOUND", "app not found");
    const after = await tx.app.update({ where: { id: appId }, data, select: SELECT });
    await recordAudit(tx, actor, { merchantId, action: "app.order_settings_updated", targetType: "app", targetId: appId, before, after });
    return after;
  });
  invalidateApiApp(appId);
  return saved;
}
