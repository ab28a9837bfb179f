import { db } from "@/server/db";
import { type AlertParams, type AlertRuleInput, PLATFORM_ONLY_ALERT_KINDS } from "@/server/domain/alert-rule-schema";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { ensureDefaultAlertRules } from "@/server/services/alerts/default-rules";
import type { AlertOwner } from "./owner";

export type AlertRuleView = {
  id: string;
  kind: AlertRuleInput["kind"];
  name: string;
  params: AlertParams;
  windowMinutes: number;
  enabled: boolean;
  targetIds: string[];
  updatedAt: Date;
};

/** The owner's alert rules; the defaults are created on the first look (ensureDefaultAlertRules). */
export async function listAlertRules(owner: AlertOwner): Promise<AlertRuleView[]> {
  await ensureDefaultAlertRules(owner);
  const rules = await db.alertRule.findMany({ where: { merchantId: owner }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rules.map((r) => ({ id: r.id, kind: r.kind, name: r.name, params: r.params as AlertParams, windowMinutes: r.windowMinutes, enabled: r.enabled, targetIds: r.targetIds, updatedAt: r.updatedAt }));
}

/**
 * Changes a rule's name, thresholds, window, switch and targets. Its kind stays (a rule of another kind is another
 * rule); a merchant cannot hold a platform-only kind; every target must be the owner's own.
 */
export async function updateAlertRule(owner: AlertOwner, ruleId: string, input: AlertRuleInput, actor: AuditActor): Promise<AlertRuleView> {
  if (owner !== null && PLATFORM_ONLY_ALERT_KINDS.includes(input.kind)) throw new AppError("FORBIDDEN", "operators only", { field: "kind" });
  return db.$transaction(async (tx) => {
    const before = await tx.alertRule.findFirst({ where: { id: ruleId, merchantId: owner } });
    if (!before) throw new AppError("NOT_FOUND", "no such alert rule");
    if (before.kind !== input.kind) throw new AppError("VALIDATION_FAILED", "kindFixed", { field: "kind" });
    const targetIds = [...new Set(input.targetIds)];
    const owned = await tx.alertTarget.count({ where: { id: { in: targetIds }, merchantId: owner } });
    if (owned !== targetIds.length) throw new AppError("VALIDATION_FAILED", "unknownTarget", { field: "targetIds" });
    const changed = await tx.alertRule.updateMany({
      where: { id: ruleId, merchantId: owner, updatedAt: before.updatedAt },
      data: { name: input.name, params: input.params as Prisma.InputJsonValue, windowMinutes: input.windowMinutes, enabled: input.enabled, targetIds },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "the rule changed meanwhile");
    const after = await tx.alertRule.findUniqueOrThrow({ where: { id: ruleId } });
    await recordAudit(tx, actor, {
      merchantId: owner,
      action: "alert_rule.updated",
      targetType: "AlertRule",
      targetId: ruleId,
      before: { name: before.name, params: before.params, windowMinutes: before.windowMinutes, enabled: before.enabled, targetIds: before.targetIds },
      after: { name: after.name, params: after.params, windowMinutes: after.windowMinutes, enabled: after.enabled, targetIds: after.targetIds },
    });
    return { id: after.id, kind: after.kind, name: after.name, params: after.params as AlertParams, windowMinutes: after.windowMinutes, enabled: after.enabled, targetIds: after.targetIds, updatedAt: after.updatedAt };
  });
}
