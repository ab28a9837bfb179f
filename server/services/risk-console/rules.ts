import { db } from "@/server/db";
import type { Prisma } from "@/server/db";
import { type RiskRuleInput, riskConditionSchema } from "@/server/domain/risk-rule-schema";
import type { RiskRuleView } from "@/server/domain/risk";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { rulesChanged } from "./rules-changed";

/** Whose rules: a merchant's (console) or the platform's (operators, merchantId null). Every query is scoped by it. */
export type RiskScope = { merchantId: string | null };

export type RiskRuleRow = RiskRuleView & { status: "DRAFT" | "ACTIVE" | "DISABLED"; createdAt: Date; updatedAt: Date };

type Stored = { id: string; merchantId: string | null; name: string; checkpoints: RiskRuleView["checkpoints"]; condition: unknown; action: RiskRuleView["action"]; priority: number; status: RiskRuleRow["status"]; createdAt: Date; updatedAt: Date };

/** A stored rule as the console shows it; a condition that no longer parses is left out (never shown half). */
export function toRuleRow(row: Stored): RiskRuleRow | null {
  const condition = riskConditionSchema.safeParse(row.condition);
  if (!condition.success) return null;
  return { id: row.id, merchantId: row.merchantId, name: row.name, checkpoints: row.checkpoints, condition: condition.data, action: row.action, priority: row.priority, status: row.status, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** The scope's rules: active first, then drafts, then disabled; by priority within. */
export async function listRiskRules(scope: RiskScope): Promise<RiskRuleRow[]> {
  const rows = await db.riskRule.findMany({ where: { merchantId: scope.merchantId }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }] });
  const order = { ACTIVE: 0, DRAFT: 1, DISABLED: 2 } as const;
  return rows.flatMap((r) => toRuleRow(r) ?? []).sort((a, b) => order[a.status] - order[b.status]);
}

async function findRule(scope: RiskScope, id: string) {
  const rule = await db.riskRule.findFirst({ where: { id, merchantId: scope.merchantId } });
  if (!rule) throw new AppError("NOT_FOUND", "no such risk rule");
  return rule;
}

const fields = (input: RiskRuleInput) => ({
  name: input.name,
  checkpoints: input.checkpoints,
  condition: input.condition as Prisma.InputJsonValue,
  action: input.action,
  priority: input.priority,
});

const snapshot = (rule: { name: string; checkpoints: string[]; condition: unknown; action: string; priority: number; status: string }) => ({
  name: rule.name,
  checkpoints: rule.checkpoints,
  condition: rule.condition,
  action: rule.action,
  priority: rule.priority,
  status: rule.status,
});

/** A new rule, saved as a DRAFT: only the what-if evaluates it until it is activated. */
export async function createRiskRule(scope: RiskScope, actor: AuditActor, input: RiskRuleInput): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const rule = await tx.riskRule.create({ data: { merchantId: scope.merchantId, ...fields(input), status: "DRAFT", createdById: actor.type === "USER" ? actor.id : null } });
    await recordAudit(tx, actor, { merchantId: scope.merchantId, action: "risk_rule.created", targetType: "risk_rule", targetId: rule.id, after: snapshot(rule) });
    return { id: rule.id };
  });
}

/**
 * Edits a rule, based on the `updatedAt` the editor read: an edit of an older version is refused (CONFLICT).
 * Editing an active rule changes what runs now, so every node reloads its rules.
 */
export async function updateRiskRule(scope: RiskScope, actor: AuditActor, id: string, input: RiskRuleInput, basedOn: Date): Promise<void> {
  const before = await findRule(scope, id);
  await db.$transaction(async (tx) => {
    const changed = await tx.riskRule.updateMany({ where: { id, merchantId: scope.merchantId, updatedAt: basedOn }, data: fields(input) });
    if (changed.count !== 1) throw new AppError("CONFLICT", "the rule was changed meanwhile: reload it");
    await recordAudit(tx, actor, { merchantId: scope.merchantId, action: "risk_rule.updated", targetType: "risk_rule", targetId: id, before: snapshot(before), after: snapshot({ ...before, ...input }) });
  });
  if (before.status === "ACTIVE") rulesChanged(scope.merchantId);
}

const FROM: Record<"ACTIVE" | "DISABLED", ("DRAFT" | "ACTIVE" | "DISABLED")[]> = { ACTIVE: ["DRAFT", "DISABLED"], DISABLED: ["ACTIVE"] };

/** Activates (from DRAFT or DISABLED) or disables (from ACTIVE) a rule: a compare-and-set on its status. */
export async function setRiskRuleStatus(scope: RiskScope, actor: AuditActor, id: string, status: "ACTIVE" | "DISABLED"): Promise<void> {
  const before = await findRule(scope, id);
  await db.$transaction(async (tx) => {
    const changed = await tx.riskRule.updateMany({ where: { id, merchantId: scope.merchantId, status: { in: FROM[status] } }, data: { status } });
    if (changed.count !== 1) throw new AppError("INVALID_TRANSITION", `the rule is ${before.status.toLowerCase()}`);
    await recordAudit(tx, actor, { merchantId: scope.merchantId, action: status === "ACTIVE" ? "risk_rule.activated" : "risk_rule.disabled", targetType: "risk_rule", targetId: id, before: { status: before.status }, after: { status } });
  });
  rulesChanged(scope.merchantId);
}

/** Deletes a rule (past decisions keep its id and name in their hits). */
export async function deleteRiskRule(scope: RiskScope, actor: AuditActor, id: string): Promise<void> {
  const before = await findRule(scope, id);
  await db.$transaction(async (tx) => {
    const deleted = await tx.riskRule.deleteMany({ where: { id, merchantId: scope.merchantId } });
    if (deleted.count !== 1) throw new AppError("NOT_FOUND", "no such risk rule");
    await recordAudit(tx, actor, { merchantId: scope.merchantId, action: "risk_rule.deleted", targetType: "risk_rule", targetId: id, before: snapshot(before) });
  });
  if (before.status === "ACTIVE") rulesChanged(scope.merchantId);
}
