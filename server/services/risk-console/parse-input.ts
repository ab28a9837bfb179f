import { type RiskListEntryInput, type RiskRuleInput, riskListEntryInputSchema, riskRuleInputSchema } from "@/server/domain/risk-rule-schema";
import { AppError } from "@/server/errors";

/**
 * A rule or list entry as sent by a form, checked by the shared schema. Refused as VALIDATION_FAILED naming the
 * field, its zod issues as the cause, so the form gets one error per field (`rule.condition.amount`, `entry.value`).
 */
export function parseRiskRule(raw: unknown): RiskRuleInput {
  const parsed = riskRuleInputSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "invalid risk rule", { field: "rule", cause: parsed.error });
  return parsed.data;
}

export function parseRiskListEntry(raw: unknown): RiskListEntryInput {
  const parsed = riskListEntryInputSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "invalid list entry", { field: "entry", cause: parsed.error });
  return parsed.data;
}
