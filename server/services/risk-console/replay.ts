import type { RiskFacts, RiskLookups } from "@/server/domain/risk";
import { dimensionValue } from "@/server/domain/risk-engine";
import { foldText, normaliseAddress, orderFingerprint } from "@/server/domain/risk-facts";
import { windowSince } from "@/server/domain/risk-windows";
import type { RiskCheckpoint, RiskDimension, RiskListKind } from "@/server/domain/risk-rule-schema";

/**
 * The what-if's in-memory RiskLookups (docs/adr/0018): orders replayed oldest first; each one is added to the windows
 * of its dimensions before it is evaluated ("this one included", as the live counters), and a window counts the
 * replayed orders in the same buckets as the live counters (server/domain/risk-windows.ts). Facts are spelt as the live
 * check spells them (server/domain/risk-facts.ts). No I/O.
 */
export type ReplayOrder = {
  orderNo: string;
  at: Date;
  amount: bigint;
  currency: string;
  buyerId: string;
  phone?: string;
  address?: { province?: string; city?: string; district?: string; detail?: string };
  lines: { sku: string; quantity: number; unitPrice: bigint }[];
};

export function replayFacts(order: ReplayOrder, merchantId: string, checkpoint: RiskCheckpoint): RiskFacts {
  return {
    checkpoint,
    merchantId,
    appId: "",
    at: order.at,
    amount: order.amount,
    buyerId: order.buyerId,
    ...(order.phone ? { phone: order.phone } : {}),
    ...(order.address ? { address: normaliseAddress(order.address) } : {}),
    fingerprint: orderFingerprint(order.buyerId, order.lines, order.amount),
  };
}

type Series = { times: number[]; amounts: bigint[] /* prefix sums */ };

/** First index with times[i] >= since. */
function lowerBound(times: number[], since: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Lookups over the replay: call with each order's facts in time order; the order is recorded in its windows and the
 * lookups answer for it. `lists`: the blacklist entries (values stored normalised), `stats`: the merchant's amounts.
 */
export function replayLookups(lists: readonly { kind: RiskListKind; value: string }[], stats: { p99: bigint; samples: number }) {
  const series = new Map<string, Series>();
  const exact = new Set(lists.filter((e) => e.kind !== "ADDRESS_KEYWORD").map((e) => `${e.kind}\u0000${e.value}`));
  const keywords = lists.filter((e) => e.kind === "ADDRESS_KEYWORD").map((e) => foldText(e.value)).filter(Boolean);
  const valueOf = (facts: RiskFacts, dimension: RiskDimension | "fingerprint") => (dimension === "fingerprint" ? facts.fingerprint : dimensionValue(facts, dimension));
  const DIMENSIONS: (RiskDimension | "fingerprint")[] = ["buyer", "phone", "ip", "device", "openid", "address", "merchant", "fingerprint"];

  return (facts: RiskFacts): { facts: RiskFacts; lookups: RiskLookups } => {
    const t = facts.at.getTime();
    for (const dimension of DIMENSIONS) {
      const value = valueOf(facts, dimension);
      if (value === undefined) continue;
      const key = `${dimension}\u0000${value}`;
      const s = series.get(key) ?? { times: [], amounts: [] };
      s.times.push(t);
      s.amounts.push((s.amounts[s.amounts.length - 1] ?? 0n) + facts.amount);
      series.set(key, s);
    }
    const lookups: RiskLookups = {
      async window(dimension, window) {
        const value = valueOf(facts, dimension);
        const s = value === undefined ? undefined : series.get(`${dimension}\u0000${value}`);
        if (!s) return { count: 0, amount: 0n };
        const from = lowerBound(s.times, windowSince(facts.at, window).getTime());
        const last = s.times.length - 1;
        const before = from > 0 ? s.amounts[from - 1]! : 0n;
        return { count: last - from + 1, amount: s.amounts[last]! - before };
      },
      async blacklisted(kinds) {
        const pairs: [RiskListKind, string | undefined][] = [
          ["BUYER_ID", facts.buyerId],
          ["PHONE", facts.phone],
          ["IP", facts.ip],
          ["OPENID", facts.openid],
          ["DEVICE", facts.deviceId],
        ];
        const hit = new Set(pairs.filter(([kind, value]) => value !== undefined && exact.has(`${kind}\u0000${value}`)).map(([kind]) => kind));
        if (facts.address && keywords.some((k) => facts.address!.text.includes(k))) hit.add("ADDRESS_KEYWORD");
        return kinds.filter((k) => hit.has(k));
      },
      async amountStats() {
        return stats;
      },
    };
    return { facts, lookups };
  };
}
