import { storeIdFrom } from "./ledger";

/**
 * Profit sharing (分账) — pure logic: which of an app's rules apply to a paid order, and how much
 * each receiver gets (docs/profit-sharing.md, ../shared/FIELD-NOTES.md §C).
 */

/**
 * The most that may go to others, in basis points of the base: WeChat Pay's default maximum ratio
 * (30 % of the order to receivers other than the merchant; a merchant can ask WeChat for more, we
 * stay with the default).
 */
export const MAX_SPLIT_BPS = 3000;
/** Receivers per split request (WeChat: 50). */
export const MAX_SPLIT_RECEIVERS = 50;

export const RULE_MODES = ["RATIO", "FIXED"] as const;
export type RuleMode = (typeof RULE_MODES)[number];
export const RULE_MATCHES = ["ALL", "STORE", "METADATA"] as const;
export type RuleMatch = (typeof RULE_MATCHES)[number];

/** WeChat's relation_type words (used for every channel: Alipay keeps them as a memo). */
export const RELATION_TYPES = [
  "SERVICE_PROVIDER",
  "STORE",
  "STAFF",
  "STORE_OWNER",
  "PARTNER",
  "HEADQUARTER",
  "BRAND",
  "DISTRIBUTOR",
  "USER",
  "SUPPLIER",
  "CUSTOM",
] as const;

export type RuleLike = {
  id: string;
  receiverId: string;
  mode: string;
  ratioBps: number | null;
  amount: bigint | null;
  match: string;
  storeId: string | null;
  metadataKey: string | null;
  metadataValue: string | null;
  enabled: boolean;
};

/** Whether an enabled rule applies to an order with this metadata. */
export function ruleMatches(rule: RuleLike, metadata: unknown): boolean {
  if (!rule.enabled) return false;
  switch (rule.match) {
    case "ALL":
      return true;
    case "STORE":
      return rule.storeId !== null && storeIdFrom(metadata) === rule.storeId;
    case "METADATA": {
      if (!rule.metadataKey || !metadata || typeof metadata !== "object" || Array.isArray(metadata)) return false;
      if (!Object.hasOwn(metadata, rule.metadataKey)) return false;
      return (metadata as Record<string, unknown>)[rule.metadataKey] === rule.metadataValue;
    }
    default:
      return false;
  }
}

/** The merchant's income of a payment, what splits are computed on (Jeepay): paid − channel fee − refunded, never below 0. */
export function splitBase(paid: bigint, fee: bigint, refunded: bigint): bigint {
  const base = paid - fee - refunded;
  return base > 0n ? base : 0n;
}

/** The most all splits of an order may send to others: floor(base × 30 %). */
export function splitCap(base: bigint, maxBps = MAX_SPLIT_BPS): bigint {
  return (base * BigInt(maxBps)) / 10_000n;
}

export type Allocation = { receiverId: string; amount: bigint; ruleIds: string[] };

/**
 * What each receiver gets from the matching rules: RATIO → floor(base × bps / 10000), FIXED → its
 * amount, in the rules' order, each capped so that the running total never exceeds `splitCap(base)`
 * (rounding down, so the total never overshoots). Several rules of one receiver add up into one line.
 * Receivers whose part comes to 0 are left out.
 */
export function allocateSplit(rules: RuleLike[], base: bigint, metadata: unknown, maxBps = MAX_SPLIT_BPS): Allocation[] {
  const cap = splitCap(base, maxBps);
  let total = 0n;
  const byReceiver = new Map<string, Allocation>();
  for (const rule of rules) {
    if (!ruleMatches(rule, metadata)) continue;
    const wanted = rule.mode === "RATIO" ? (base * BigInt(rule.ratioBps ?? 0)) / 10_000n : rule.mode === "FIXED" ? (rule.amount ?? 0n) : 0n;
    const amount = wanted < cap - total ? wanted : cap - total;
    if (amount <= 0n) continue;
    total += amount;
    const line = byReceiver.get(rule.receiverId);
    if (line) {
      line.amount += amount;
      line.ruleIds.push(rule.id);
    } else {
      byReceiver.set(rule.receiverId, { receiverId: rule.receiverId, amount, ruleIds: [rule.id] });
    }
  }
  return [...byReceiver.values()];
}

/** What may still be split of a paid order: paid − refunded − refunding − already split. */
export function splittable(order: { paidAmount: bigint; refundedAmount: bigint; refundingAmount: bigint; splitAmount: bigint }): bigint {
  const rest = order.paidAmount - order.refundedAmount - order.refundingAmount - order.splitAmount;
  return rest > 0n ? rest : 0n;
}

/**
 * How much must come back from receivers (分账回退) before a refund of `refund`: the part of it above
 * what is still the merchant's at the channel (paid − refunded − split). 0 when none.
 */
export function returnNeeded(order: { paidAmount: bigint; refundedAmount: bigint; splitAmount: bigint }, refund: bigint): bigint {
  if (order.splitAmount <= 0n) return 0n;
  const unsplit = order.paidAmount - order.refundedAmount - order.splitAmount;
  const short = refund - (unsplit > 0n ? unsplit : 0n);
  if (short <= 0n) return 0n;
  return short < order.splitAmount ? short : order.splitAmount;
}

/** Takes `needed` back from receivers, largest remaining part first. */
export function planReturns<T extends { id: string; remaining: bigint }>(parts: T[], needed: bigint): { part: T; amount: bigint }[] {
  const plan: { part: T; amount: bigint }[] = [];
  let left = needed;
  const sorted = [...parts].filter((p) => p.remaining > 0n).sort((a, b) => (a.remaining === b.remaining ? a.id.localeCompare(b.id) : a.remaining > b.remaining ? -1 : 1));
  for (const part of sorted) {
    if (left <= 0n) break;
    const amount = part.remaining < left ? part.remaining : left;
    plan.push({ part, amount });
    left -= amount;
  }
  return plan;
}

/** A split's status from its receivers' results at the channel. */
export function splitOutcome(results: string[]): "PROCESSING" | "FINISHED" {
  return results.some((r) => r === "PENDING") ? "PROCESSING" : "FINISHED";
}

/**
 * Backoff of a split (or return) whose channel call got no definitive answer, or that the channel
 * found too early: eight tries over about two hours, then FAILED (or queried, when the last call may
 * have reached the channel).
 */
export const SPLIT_RETRY_SECONDS = [10, 30, 60, 120, 300, 900, 1800, 3600] as const;

export function nextSplitRetrySeconds(triesSoFar: number): number | null {
  return SPLIT_RETRY_SECONDS[triesSoFar] ?? null;
}

/** When the status query of a PROCESSING split or return runs: +10 s, +30 s, +2 min, then every 10 min. */
export function splitSyncDelaySeconds(round: number): number {
  return [10, 30, 120][round] ?? 600;
}
