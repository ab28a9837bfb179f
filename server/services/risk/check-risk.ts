import { db, type Tx } from "@/server/db";
import type { RiskDecisionResult, RiskFacts, RiskLookups } from "@/server/domain/risk";
import { applicableRules, evaluateRisk } from "@/server/domain/risk-engine";
import { maskedFacts } from "@/server/domain/risk-facts";
import { counterNeeds, windowKey } from "@/server/domain/risk-windows";
import { AppError } from "@/server/errors";
import { metrics } from "@/server/observability/metrics";
import { merchantAmountStats } from "./amount-stats";
import { blacklistedKinds } from "./blacklist";
import { countAndRead, uncount } from "./counters";
import { loadRiskRules } from "./load-rules";

/** What a decision row points at: the object written, or (BLOCK: nothing written) the business system's number. */
export type RiskRefs = { orderNo?: string; payOrderNo?: string; tradeNo?: string; sourceNo?: string };

export type RiskCheck = RiskDecisionResult & { facts: RiskFacts };

/**
 * Evaluates the merchant's and the platform's ACTIVE rules for the facts' checkpoint (docs/adr/0018): one cached rule
 * load; when a rule needs counters, one statement that counts this event and reads every window; blacklists and the
 * amount statistics only when a rule asks. With no applicable rule, nothing but the cached load. A BLOCK is taken back
 * out of the counters. Records nothing: recordRiskDecision does, where the caller writes.
 */
export async function evaluateRiskCheck(facts: RiskFacts): Promise<RiskCheck> {
  const rules = applicableRules(await loadRiskRules(facts.merchantId), facts);
  if (rules.length === 0) {
    metrics.riskDecisions.inc({ checkpoint: facts.checkpoint, action: "ALLOW" });
    return { action: "ALLOW", hits: [], decidingRuleId: null, facts };
  }
  const scope = { merchantId: facts.merchantId, checkpoint: facts.checkpoint };
  const needs = counterNeeds(rules, facts);
  const totals = await countAndRead(scope, needs, facts.at, facts.amount);
  const lookups: RiskLookups = {
    window: async (dimension, window) => {
      const total = totals.get(windowKey(dimension, window));
      if (!total) throw new Error(`risk counter ${windowKey(dimension, window)} was not counted`);
      return total;
    },
    blacklisted: (kinds) => blacklistedKinds(facts, kinds),
    amountStats: () => merchantAmountStats(facts.merchantId, facts.at),
  };
  const result = await evaluateRisk(rules, facts, lookups);
  if (result.action === "BLOCK") await uncount(scope, needs, facts.at, facts.amount);
  metrics.riskDecisions.inc({ checkpoint: facts.checkpoint, action: result.action });
  return { ...result, facts };
}

/** Writes the decision when any rule hit (masked facts); its id, or null when nothing hit. */
export async function recordRiskDecision(client: Tx, check: RiskCheck, refs: RiskRefs): Promise<string | null> {
  if (check.hits.length === 0) return null;
  const row = await client.riskDecision.create({
    data: {
      merchantId: check.facts.merchantId,
      appId: check.facts.appId,
      checkpoint: check.facts.checkpoint,
      action: check.action,
      hits: check.hits,
      facts: maskedFacts(check.facts) as object,
      orderNo: refs.orderNo ?? null,
      payOrderNo: refs.payOrderNo ?? null,
      tradeNo: refs.tradeNo ?? null,
      sourceNo: refs.sourceNo ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/** 422 RISK_REJECTED with the deciding rule's id (OPEN-API.md). */
export function riskRejected(check: Pick<RiskDecisionResult, "decidingRuleId">): AppError {
  return new AppError("RISK_REJECTED", "rejected by risk control", { ruleId: check.decidingRuleId ?? undefined });
}

/**
 * The check of a path that writes nothing when it blocks (pay order, trade, cashier): evaluates, records the decision
 * when a rule hit (in `tx` when given, else on its own), and throws RISK_REJECTED on BLOCK. REVIEW cannot come out of
 * these checkpoints (the engine turns it into BLOCK where nobody reviews).
 */
export async function runRiskCheck(facts: RiskFacts, options: { tx?: Tx; refs?: RiskRefs } = {}): Promise<RiskCheck> {
  const check = await evaluateRiskCheck(facts);
  if (check.hits.length > 0) await recordRiskDecision(check.action === "BLOCK" ? db : (options.tx ?? db), check, options.refs ?? {});
  if (check.action === "BLOCK") throw riskRejected(check);
  return check;
}
