import { db } from "@/server/db";
import { type RiskListEntryInput, type RiskRuleInput, riskRuleInputSchema } from "@/server/domain/risk-rule-schema";
import { normaliseListValue } from "@/server/domain/risk-facts";
import { invalidateRiskRules } from "@/server/services/risk/load-rules";

/**
 * Risk rules and blacklist entries for tests, written as the console writes them (validated by the same schema),
 * ACTIVE at once and the per-process rule cache dropped so the next check sees them.
 */
export async function activeRiskRule(merchantId: string | null, input: Omit<RiskRuleInput, "priority"> & { priority?: number }): Promise<string> {
  const rule = riskRuleInputSchema.parse(input);
  const row = await db.riskRule.create({
    data: { merchantId, name: rule.name, checkpoints: rule.checkpoints, condition: rule.condition, action: rule.action, priority: rule.priority, status: "ACTIVE" },
  });
  invalidateRiskRules();
  return row.id;
}

export async function blacklistEntry(merchantId: string | null, input: RiskListEntryInput): Promise<string> {
  const value = normaliseListValue(input.kind, input.value);
  if (!value) throw new Error(`not a ${input.kind}: ${input.value}`);
  const row = await db.riskListEntry.create({ data: { merchantId, kind: input.kind, value, note: input.note ?? null, expiresAt: input.expiresAt ?? null } });
  return row.id;
}

/** Ends every rule (between tests: each test states the rules it runs with). */
export async function disableRiskRules(): Promise<void> {
  await db.riskRule.updateMany({ where: { status: "ACTIVE" }, data: { status: "DISABLED" } });
  invalidateRiskRules();
}
