import type { RiskDecisionResult, RiskFacts, RiskHit, RiskLookups, RiskRuleView } from "./risk";
import { REVIEWABLE_CHECKPOINTS, type RiskAction, type RiskCondition, type RiskDimension } from "./risk-rule-schema";

/**
 * The risk engine (风控, docs/adr/0018): evaluates the rules of a checkpoint against the facts, asking the lookups
 * (live PostgreSQL counters, or the what-if's replay of past orders) only for what a rule needs. Pure: no clock,
 * no database, so the live check and the simulator decide alike.
 */

/** The value a dimension counts by in these facts (absent: the rule cannot apply). */
export function dimensionValue(facts: RiskFacts, dimension: RiskDimension): string | undefined {
  switch (dimension) {
    case "buyer":
      return facts.buyerId;
    case "phone":
      return facts.phone;
    case "ip":
      return facts.ip;
    case "device":
      return facts.deviceId;
    case "openid":
      return facts.openid;
    case "address":
      return facts.address?.text;
    case "merchant":
      return facts.merchantId;
  }
}

type Outcome = { observed: string; limit: string } | null;

async function check(condition: RiskCondition, facts: RiskFacts, lookups: RiskLookups): Promise<Outcome> {
  const over = (observed: bigint | number, limit: bigint | number): Outcome => (observed > limit ? { observed: String(observed), limit: String(limit) } : null);
  switch (condition.type) {
    case "amount_over":
      return over(facts.amount, BigInt(condition.amount));
    case "daily_amount_over": {
      if (dimensionValue(facts, condition.dimension) === undefined) return null;
      return over((await lookups.window(condition.dimension, { kind: "day" })).amount, BigInt(condition.amount));
    }
    case "daily_count_over": {
      if (dimensionValue(facts, condition.dimension) === undefined) return null;
      return over((await lookups.window(condition.dimension, { kind: "day" })).count, condition.count);
    }
    case "velocity": {
      if (dimensionValue(facts, condition.dimension) === undefined) return null;
      return over((await lookups.window(condition.dimension, { kind: "minutes", minutes: condition.windowMinutes })).count, condition.count);
    }
    case "blacklisted": {
      const matched = await lookups.blacklisted(condition.kinds);
      return matched.length > 0 ? { observed: matched.join(","), limit: condition.kinds.join(",") } : null;
    }
    case "duplicate_order": {
      if (!facts.fingerprint) return null;
      const { count } = await lookups.window("fingerprint", { kind: "minutes", minutes: condition.withinMinutes });
      // this order included: a second one within the window is the duplicate
      return count > 1 ? { observed: String(count), limit: String(condition.withinMinutes) } : null;
    }
    case "abnormal_amount": {
      const stats = await lookups.amountStats();
      if (stats.samples < condition.minSamples || stats.p99 <= 0n) return null;
      const limit = (stats.p99 * BigInt(condition.multiplePercent)) / 100n;
      return over(facts.amount, limit);
    }
    case "address_incomplete":
      return facts.address && !facts.address.complete ? { observed: "incomplete", limit: "complete" } : null;
    case "address_orders_over": {
      if (!facts.address) return null;
      return over((await lookups.window("address", { kind: "minutes", minutes: condition.windowHours * 60 })).count, condition.count);
    }
  }
}

const STRENGTH: Record<RiskAction, number> = { ALLOW: 0, REVIEW: 1, BLOCK: 2 };

/** The rules that apply at the facts' checkpoint for the facts' merchant, lowest priority number first. */
export function applicableRules(rules: readonly RiskRuleView[], facts: Pick<RiskFacts, "checkpoint" | "merchantId">): RiskRuleView[] {
  return rules
    .filter((r) => r.checkpoints.includes(facts.checkpoint) && (r.merchantId === null || r.merchantId === facts.merchantId))
    .sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
}

/**
 * Decides: no hit allows; otherwise the strongest action of all hits (BLOCK > REVIEW > ALLOW), except that an
 * ALLOW hit whose priority number is lower than every REVIEW/BLOCK hit's wins (an allow-list, e.g. a trusted
 * buyer). REVIEW where nobody can review (not the order center) blocks: a payment cannot wait for a person.
 */
export function decide(hits: RiskHit[], priorities: ReadonlyMap<string, number>, reviewable: boolean): RiskDecisionResult {
  if (hits.length === 0) return { action: "ALLOW", hits, decidingRuleId: null };
  const actionOf = (h: RiskHit): RiskAction => (h.action === "REVIEW" && !reviewable ? "BLOCK" : h.action);
  const priority = (h: RiskHit) => priorities.get(h.ruleId) ?? Number.MAX_SAFE_INTEGER;
  const allow = hits.filter((h) => actionOf(h) === "ALLOW");
  const others = hits.filter((h) => actionOf(h) !== "ALLOW");
  if (others.length === 0) return { action: "ALLOW", hits, decidingRuleId: allow[0]!.ruleId };
  const bestOther = Math.min(...others.map(priority));
  const firstAllow = allow.find((h) => priority(h) < bestOther);
  if (firstAllow) return { action: "ALLOW", hits, decidingRuleId: firstAllow.ruleId };
  const strongest = others.reduce((a, h) => (STRENGTH[actionOf(h)] > STRENGTH[actionOf(a)] ? h : a));
  const action = actionOf(strongest);
  return { action, hits, decidingRuleId: others.find((h) => actionOf(h) === action)!.ruleId };
}

/** Evaluates every applicable rule (hits listed in priority order) and decides. */
export async function evaluateRisk(rules: readonly RiskRuleView[], facts: RiskFacts, lookups: RiskLookups): Promise<RiskDecisionResult> {
  const applicable = applicableRules(rules, facts);
  const hits: RiskHit[] = [];
  for (const rule of applicable) {
    const outcome = await check(rule.condition, facts, lookups);
    if (!outcome) continue;
    hits.push({
      ruleId: rule.id,
      ruleName: rule.name,
      scope: rule.merchantId === null ? "platform" : "merchant",
      action: rule.action,
      condition: rule.condition.type,
      ...outcome,
    });
  }
  const priorities = new Map(applicable.map((r) => [r.id, r.priority]));
  return decide(hits, priorities, REVIEWABLE_CHECKPOINTS.includes(facts.checkpoint));
}
