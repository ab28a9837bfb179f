import type { RouteEntry } from "../route-rule-schema";
import { decide } from "./decide";
import { bpsOf } from "./strategies";
import type { RoutingAccount, RoutingRule } from "./types";

/** One past order as it was paid: its latest attempt's account and mode, and how it ended. */
export type ReplayOrder = {
  amount: bigint;
  mode: string;
  entry: RouteEntry;
  metadata: Record<string, string>;
  at: Date;
  accountId: string;
  /** true paid, false failed, null never concluded (abandoned, closed, still open). */
  succeeded: boolean | null;
};

export type ShareLine = { orders: number; amount: bigint; fees: bigint; estimatedSuccesses: number };
export type SimulationLine = { accountId: string; channel: string; name: string; before: ShareLine; after: ShareLine };
export type Simulation = { orders: number; unrouted: number; lines: SimulationLine[]; before: ShareLine; after: ShareLine };

/** A small seeded generator (mulberry32): the same draft gives the same replay. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const empty = (): ShareLine => ({ orders: 0, amount: 0n, fees: 0n, estimatedSuccesses: 0 });

/**
 * "What if": replays past orders through a draft rule set. Each account's success rate is what it
 * achieved on these orders (per account, and per account and mode for best-success-rate rules);
 * an account without concluded orders is assumed to do as well as the whole set. Fees are each
 * account's rate on the amount. Breakers are taken as closed; the replay is deterministic.
 */
export function simulate(input: { orders: readonly ReplayOrder[]; accounts: readonly RoutingAccount[]; rules: readonly RoutingRule[]; seed?: number }): Simulation {
  const { orders, accounts, rules } = input;
  const perAccount = new Map<string, { samples: number; successes: number }>();
  const perMode = new Map<string, { samples: number; successes: number }>();
  let concluded = 0;
  let succeeded = 0;
  for (const o of orders) {
    if (o.succeeded === null) continue;
    concluded++;
    if (o.succeeded) succeeded++;
    for (const [map, key] of [[perAccount, o.accountId], [perMode, `${o.accountId}:${o.mode}`]] as const) {
      const s = map.get(key) ?? { samples: 0, successes: 0 };
      s.samples++;
      if (o.succeeded) s.successes++;
      map.set(key, s);
    }
  }
  const overall = concluded ? succeeded / concluded : 1;
  const rateOf = (accountId: string) => {
    const s = perAccount.get(accountId);
    return s && s.samples ? s.successes / s.samples : overall;
  };

  const byId = new Map(accounts.map((a) => [a.id, a]));
  const lines = new Map<string, SimulationLine>(
    accounts.map((a) => [a.id, { accountId: a.id, channel: a.channel, name: a.name, before: empty(), after: empty() }]),
  );
  const add = (line: ShareLine, account: RoutingAccount | undefined, accountId: string, amount: bigint) => {
    line.orders++;
    line.amount += amount;
    line.fees += account ? bpsOf(amount, account.feeRateBps) : 0n;
    line.estimatedSuccesses += rateOf(accountId);
  };
  const random = seededRandom(input.seed ?? 7);
  let unrouted = 0;
  for (const o of orders) {
    const beforeLine = lines.get(o.accountId);
    if (beforeLine) add(beforeLine.before, byId.get(o.accountId), o.accountId, o.amount);
    const decision = decide({
      rules,
      accounts,
      context: { amount: o.amount, modes: [o.mode], entry: o.entry, metadata: o.metadata, at: o.at },
      health: (accountId, mode) => perMode.get(`${accountId}:${mode}`),
      breaker: () => undefined,
      random,
    });
    const chosen = decision.chosen?.accountId;
    if (!chosen) {
      unrouted++;
      continue;
    }
    add(lines.get(chosen)!.after, byId.get(chosen), chosen, o.amount);
  }
  const total = (pick: "before" | "after") =>
    [...lines.values()].reduce((sum, l) => {
      const x = l[pick];
      return { orders: sum.orders + x.orders, amount: sum.amount + x.amount, fees: sum.fees + x.fees, estimatedSuccesses: sum.estimatedSuccesses + x.estimatedSuccesses };
    }, empty());
  return { orders: orders.length, unrouted, lines: [...lines.values()], before: total("before"), after: total("after") };
}
