import type { RouteParams, RouteStrategy } from "../route-rule-schema";
import type { DecisionReason, HealthLookup, RoutingAccount } from "./types";

/** An account that may take the payment, with the mode it would use and its place in the rule. */
export type Eligible = { account: RoutingAccount; mode: string; weight: number; index: number };

export type Ranking = {
  order: Eligible[];
  scores: Map<string, { score: number | null; samples?: number }>;
  reason: DecisionReason;
};

/** Basis points of an amount in fen, rounded half up (fees, subsidies). */
export function bpsOf(amount: bigint, bps: number): bigint {
  return (amount * BigInt(bps) + 5_000n) / 10_000n;
}

const byIndex = (a: Eligible, b: Eligible) => a.index - b.index;

function fixed(eligible: Eligible[]): Ranking {
  return { order: [...eligible].sort(byIndex), scores: new Map(eligible.map((e) => [e.account.id, { score: null }])), reason: "listed_order" };
}

/** One pick by weight among the eligible (weights renormalised over them); the rest by weight. */
function weighted(eligible: Eligible[], random: () => number): Ranking {
  const total = eligible.reduce((sum, e) => sum + e.weight, 0);
  const scores = new Map(eligible.map((e) => [e.account.id, { score: e.weight }]));
  const rest = [...eligible].sort((a, b) => b.weight - a.weight || a.index - b.index);
  if (total === 0) return { order: [...eligible].sort(byIndex), scores, reason: "listed_order" };
  let point = random() * total;
  const picked = [...eligible].sort(byIndex).find((e) => (point -= e.weight) < 0) ?? rest[0];
  return { order: [picked, ...rest.filter((e) => e !== picked)], scores, reason: "weighted_pick" };
}

function byAmount(eligible: Eligible[], amount: bigint, bpsOfAccount: (a: RoutingAccount) => number, direction: 1 | -1, reason: DecisionReason): Ranking {
  const value = new Map(eligible.map((e) => [e.account.id, bpsOf(amount, bpsOfAccount(e.account))]));
  const order = [...eligible].sort((a, b) => {
    const x = value.get(a.account.id)!;
    const y = value.get(b.account.id)!;
    return x === y ? a.index - b.index : (x < y ? -1 : 1) * direction;
  });
  return { order, scores: new Map([...value].map(([id, v]) => [id, { score: Number(v) }])), reason };
}

/**
 * Best success rate (after Hyperswitch's auth-rate routing): accounts with fewer than `minSamples`
 * concluded attempts in the window are still being measured and go first (listed order), so every
 * account gets a fair sample; measured ones follow by success rate. With probability
 * `explorationPercent`, another candidate than the best goes first — so an account that failed
 * and recovered keeps being tried and its window can recover.
 */
function bestSuccessRate(eligible: Eligible[], params: RouteParams, health: HealthLookup, random: () => number): Ranking {
  const scores = new Map<string, { score: number | null; samples?: number }>();
  const rated: { e: Eligible; rate: number }[] = [];
  const measuring: Eligible[] = [];
  for (const e of eligible) {
    const sample = health(e.account.id, e.mode) ?? { samples: 0, successes: 0 };
    if (sample.samples < params.minSamples) {
      measuring.push(e);
      scores.set(e.account.id, { score: sample.samples ? Math.round((sample.successes * 1000) / sample.samples) : null, samples: sample.samples });
    } else {
      const rate = Math.round((sample.successes * 1000) / sample.samples);
      rated.push({ e, rate });
      scores.set(e.account.id, { score: rate, samples: sample.samples });
    }
  }
  rated.sort((a, b) => b.rate - a.rate || a.e.index - b.e.index);
  const order = [...measuring.sort(byIndex), ...rated.map((r) => r.e)];
  const explore = order.length > 1 && params.explorationPercent > 0 && random() * 100 < params.explorationPercent;
  if (explore) {
    const others = order.slice(1);
    const pick = others[Math.min(others.length - 1, Math.floor(random() * others.length))];
    return { order: [pick, ...order.filter((e) => e !== pick)], scores, reason: "exploration" };
  }
  return { order, scores, reason: measuring.length > 0 ? "measuring" : "best_success_rate" };
}

/** Orders a rule's eligible accounts by its strategy (never empty input). */
export function rankByStrategy(
  strategy: RouteStrategy,
  params: RouteParams,
  eligible: Eligible[],
  amount: bigint,
  health: HealthLookup,
  random: () => number,
): Ranking {
  switch (strategy) {
    case "fixed":
      return fixed(eligible);
    case "weighted":
      return weighted(eligible, random);
    case "lowest_cost":
      return byAmount(eligible, amount, (a) => a.feeRateBps, 1, "lowest_cost");
    case "highest_subsidy":
      return byAmount(eligible, amount, (a) => a.subsidyBps, -1, "highest_subsidy");
    case "best_success_rate":
      return bestSuccessRate(eligible, params, health, random);
  }
}
