import { db } from "../server/db.ts";
import { riskRuleInputSchema } from "../server/domain/risk-rule-schema.ts";

/**
 * The demo merchant's risk rules (docs/adr/0018): one ACTIVE and harmless (it blocks only a payment above 500,000 yuan,
 * which no demo makes), and one DRAFT to try in the console's what-if before turning it on.
 */
const DEMO_RULES = [
  {
    status: "ACTIVE" as const,
    rule: { name: "单笔超过 50 万元拦截", checkpoints: ["ORDER", "PAY_ORDER"], condition: { type: "amount_over", amount: 50_000_000 }, action: "BLOCK", priority: 100 },
  },
  {
    status: "DRAFT" as const,
    rule: {
      name: "同一买家 10 分钟内超过 5 单转人工审核",
      checkpoints: ["ORDER"],
      condition: { type: "velocity", dimension: "buyer", count: 5, windowMinutes: 10 },
      action: "REVIEW",
      priority: 50,
    },
  },
];

export async function seedDemoRisk(merchantId: string): Promise<void> {
  for (const { status, rule } of DEMO_RULES) {
    const parsed = riskRuleInputSchema.parse(rule);
    await db.riskRule.create({
      data: { merchantId, name: parsed.name, checkpoints: parsed.checkpoints, condition: parsed.condition, action: parsed.action, priority: parsed.priority, status },
    });
  }
}
