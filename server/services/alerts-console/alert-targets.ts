import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import { alertTargetConfigSchemas, type AlertTargetInput, type AlertTargetKind } from "@/server/domain/alert-rule-schema";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { describeTargetConfig, openTargetConfig, sealTargetConfig } from "@/server/services/alerts/target-config";
import type { AlertOwner } from "./owner";

/** What the console sees of a target: never its URL token or SEC secret, only describeTargetConfig's words. */
export type AlertTargetView = { id: string; kind: AlertTargetKind; name: string; enabled: boolean; description: string; usedBy: number; createdAt: Date };

function describe(target: { id: string; kind: AlertTargetKind; configEnc: string }): string {
  try {
    return describeTargetConfig(target.kind, openTargetConfig(target));
  } catch {
    return "—"; // sealed under a key no longer held: the owner re-enters it
  }
}

export async function listAlertTargets(owner: AlertOwner): Promise<AlertTargetView[]> {
  const [targets, rules] = await Promise.all([
    db.alertTarget.findMany({ where: { merchantId: owner }, orderBy: { createdAt: "asc" } }),
    db.alertRule.findMany({ where: { merchantId: owner }, select: { targetIds: true } }),
  ]);
  return targets.map((t) => ({
    id: t.id,
    kind: t.kind,
    name: t.name,
    enabled: t.enabled,
    description: describe(t),
    usedBy: rules.filter((r) => r.targetIds.includes(t.id)).length,
    createdAt: t.createdAt,
  }));
}

export async function createAlertTarget(owner: AlertOwner, input: AlertTargetInput, actor: AuditActor): Promise<{ id: string }> {
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.alertTarget.create({ data: { id, merchantId: owner, kind: input.kind, name: input.name, enabled: input.enabled, configEnc: sealTargetConfig(id, input.config) } });
    await recordAudit(tx, actor, { merchantId: owner, action: "alert_target.created", targetType: "AlertTarget", targetId: id, after: { kind: input.kind, name: input.name, enabled: input.enabled } });
  });
  return { id };
}

export type AlertTargetUpdate = { name: string; enabled: boolean; config?: unknown };

/** Renames, switches, and (only when given: write-only) replaces a target's config; its kind stays. */
export async function updateAlertTarget(owner: AlertOwner, targetId: string, update: AlertTargetUpdate, actor: AuditActor): Promise<{ id: string }> {
  await db.$transaction(async (tx) => {
    const before = await tx.alertTarget.findFirst({ where: { id: targetId, merchantId: owner } });
    if (!before) throw new AppError("NOT_FOUND", "no such alert target");
    let configEnc: string | undefined;
    if (update.config !== undefined) {
      const parsed = alertTargetConfigSchemas[before.kind].safeParse(update.config);
      if (!parsed.success) throw new AppError("VALIDATION_FAILED", "invalid target config", { field: "config", cause: parsed.error });
      configEnc = sealTargetConfig(targetId, parsed.data);
    }
    await tx.alertTarget.update({ where: { id: targetId }, data: { name: update.name, enabled: update.enabled, configEnc } });
    await recordAudit(tx, actor, {
      merchantId: owner,
      action: "alert_target.updated",
      targetType: "AlertTarget",
      targetId,
      before: { name: before.name, enabled: before.enabled },
      after: { name: update.name, enabled: update.enabled, configReplaced: configEnc !== undefined },
    });
  });
  return { id: targetId };
}

/** Deletes a target and takes it off every rule of its owner (its notification history stays). */
export async function deleteAlertTarget(owner: AlertOwner, targetId: string, actor: AuditActor): Promise<void> {
  await db.$transaction(async (tx) => {
    const target = await tx.alertTarget.findFirst({ where: { id: targetId, merchantId: owner } });
    if (!target) throw new AppError("NOT_FOUND", "no such alert target");
    const rules = await tx.alertRule.findMany({ where: { merchantId: owner, targetIds: { has: targetId } }, select: { id: true, targetIds: true } });
    for (const rule of rules) await tx.alertRule.update({ where: { id: rule.id }, data: { targetIds: rule.targetIds.filter((id) => id !== targetId) } });
    await tx.alertTarget.delete({ where: { id: targetId } });
    await recordAudit(tx, actor, { merchantId: owner, action: "alert_target.deleted", targetType: "AlertTarget", targetId, before: { kind: target.kind, name: target.name } });
  });
}
