import { invalidateRiskRules } from "@/server/services/risk/load-rules";

/**
 * After a rule that runs (or ran) changed: this node's cached rules are forgotten at once, a merchant's only for its
 * rule, everyone's for a platform rule. Other nodes reload within their cache's few seconds (load-rules.ts).
 */
export function rulesChanged(merchantId: string | null): void {
  invalidateRiskRules(merchantId);
}
