import { db } from "@/server/db";
import type { RiskRuleView } from "@/server/domain/risk";
import { riskConditionSchema } from "@/server/domain/risk-rule-schema";
import { logger } from "@/server/observability/logger";

/**
 * The ACTIVE rules a merchant's checks evaluate (its own and the platform's), cached per process for at most
 * CACHE_MS so a create path pays one indexed query every few seconds, not one per request. An edit in the console
 * calls invalidateRiskRules(); other web nodes see it within CACHE_MS (docs/adr/0018).
 */
const CACHE_MS = 3_000;
const MAX_MERCHANTS = 10_000;

type Entry = { at: number; rules: Promise<RiskRuleView[]> };
const cache = new Map<string, Entry>();

async function fetchRules(merchantId: string): Promise<RiskRuleView[]> {
  const rows = await db.riskRule.findMany({
    where: { status: "ACTIVE", OR: [{ merchantId }, { merchantId: null }] },
    select: { id: true, merchantId: true, name: true, checkpoints: true, condition: true, action: true, priority: true },
  });
  const rules: RiskRuleView[] = [];
  for (const row of rows) {
    const condition = riskConditionSchema.safeParse(row.condition);
    if (!condition.success) {
      // a stored condition the schema no longer accepts is skipped, never guessed at
      logger.warn({ ruleId: row.id }, "risk rule with an invalid condition skipped");
      continue;
    }
    rules.push({ ...row, condition: condition.data });
  }
  return rules;
}

/** The ACTIVE rules of the merchant and of the platform (cached ≤ 3 s). */
export function loadRiskRules(merchantId: string, now = Date.now()): Promise<RiskRuleView[]> {
  const hit = cache.get(merchantId);
  if (hit && now - hit.at < CACHE_MS) return hit.rules;
  if (cache.size >= MAX_MERCHANTS) cache.clear();
  const rules = fetchRules(merchantId);
  cache.set(merchantId, { at: now, rules });
  rules.catch(() => cache.delete(merchantId)); // a failed load is retried by the next check
  return rules;
}

/** Forgets cached rules: of one merchant, or (a platform rule changed, or no argument) of all. */
export function invalidateRiskRules(merchantId?: string | null): void {
  if (merchantId) cache.delete(merchantId);
  else cache.clear();
}
