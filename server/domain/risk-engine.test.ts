import { describe, expect, it } from "vitest";
import type { RiskFacts, RiskLookups, RiskRuleView } from "./risk";
import { evaluateRisk } from "./risk-engine";

const facts = (over: Partial<RiskFacts> = {}): RiskFacts => ({
  checkpoint: "ORDER",
  merchantId: "m1",
  appId: "a1",
  at: new Date("2026-12-05T08:00:00Z"),
  amount: 10_000n,
  buyerId: "b1",
  phone: "13800138000",
  ...over,
});

const lookups = (over: Partial<RiskLookups> = {}): RiskLookups => ({
  window: async () => ({ count: 1, amount: 10_000n }),
  blacklisted: async () => [],
  amountStats: async () => ({ p99: 0n, samples: 0 }),
  ...over,
});

let n = 0;
const rule = (over: Partial<RiskRuleView>): RiskRuleView => ({
  id: `r${++n}`,
  merchantId: "m1",
  name: "rule",
  checkpoints: ["ORDER"],
  condition: { type: "amount_over", amount: 5_000 },
  action: "BLOCK",
  priority: 100,
  ...over,
});

describe("evaluateRisk", () => {
  it("allows with no hit", async () => {
    const d = await evaluateRisk([rule({ condition: { type: "amount_over", amount: 50_000 } })], facts(), lookups());
    expect(d).toEqual({ action: "ALLOW", hits: [], decidingRuleId: null });
  });

  it("blocks above a single amount and says what it saw", async () => {
    const r = rule({});
    const d = await evaluateRisk([r], facts(), lookups());
    expect(d.action).toBe("BLOCK");
    expect(d.decidingRuleId).toBe(r.id);
    expect(d.hits[0]).toMatchObject({ observed: "10000", limit: "5000", scope: "merchant", condition: "amount_over" });
  });

  it("ignores other merchants' rules and other checkpoints; applies platform rules to all", async () => {
    const platform = rule({ merchantId: null, action: "REVIEW" });
    const d = await evaluateRisk([rule({ merchantId: "m2" }), rule({ checkpoints: ["PAY_ORDER"] }), platform], facts(), lookups());
    expect(d.action).toBe("REVIEW");
    expect(d.hits.map((h) => h.ruleId)).toEqual([platform.id]);
    expect(d.hits[0]!.scope).toBe("platform");
  });

  it("takes the strongest action, unless an allow-list rule comes first", async () => {
    const review = rule({ action: "REVIEW", priority: 10 });
    const block = rule({ action: "BLOCK", priority: 20 });
    expect((await evaluateRisk([review, block], facts(), lookups())).decidingRuleId).toBe(block.id);
    const allow = rule({ action: "ALLOW", priority: 5 });
    const d = await evaluateRisk([review, block, allow], facts(), lookups());
    expect(d.action).toBe("ALLOW");
    expect(d.hits).toHaveLength(3);
    const lateAllow = rule({ action: "ALLOW", priority: 50 });
    expect((await evaluateRisk([review, lateAllow], facts(), lookups())).action).toBe("REVIEW");
  });

  it("blocks a review rule where nobody can review", async () => {
    const d = await evaluateRisk([rule({ action: "REVIEW", checkpoints: ["PAY_ORDER"] })], facts({ checkpoint: "PAY_ORDER" }), lookups());
    expect(d.action).toBe("BLOCK");
  });

  it("counts by dimension only when the facts carry it", async () => {
    const velocity = rule({ condition: { type: "velocity", dimension: "device", count: 3, windowMinutes: 10 } });
    const busy = lookups({ window: async () => ({ count: 4, amount: 0n }) });
    expect((await evaluateRisk([velocity], facts(), busy)).action).toBe("ALLOW");
    expect((await evaluateRisk([velocity], facts({ deviceId: "d1" }), busy)).action).toBe("BLOCK");
  });

  it("daily amount, blacklists, duplicates, abnormal amounts and addresses", async () => {
    const seen: string[] = [];
    const l = lookups({
      window: async (dim, w) => {
        seen.push(`${dim}:${w.kind === "day" ? "day" : w.minutes}`);
        return dim === "fingerprint" ? { count: 2, amount: 0n } : { count: 6, amount: 900_000n };
      },
      blacklisted: async (kinds) => kinds.filter((k) => k === "PHONE"),
      amountStats: async () => ({ p99: 2_000n, samples: 500 }),
    });
    const rules = [
      rule({ condition: { type: "daily_amount_over", dimension: "buyer", amount: 800_000 } }),
      rule({ condition: { type: "blacklisted", kinds: ["PHONE", "IP"] } }),
      rule({ condition: { type: "duplicate_order", withinMinutes: 5 } }),
      rule({ condition: { type: "abnormal_amount", multiplePercent: 300, minSamples: 100 } }),
      rule({ condition: { type: "address_incomplete" } }),
      rule({ condition: { type: "address_orders_over", count: 5, windowHours: 24 } }),
    ];
    const d = await evaluateRisk(rules, facts({ fingerprint: "fp", address: { text: "x", complete: false } }), l);
    expect(d.hits.map((h) => h.condition)).toEqual(["daily_amount_over", "blacklisted", "duplicate_order", "abnormal_amount", "address_incomplete", "address_orders_over"]);
    expect(d.hits[1]!.observed).toBe("PHONE");
    expect(d.hits[3]).toMatchObject({ observed: "10000", limit: "6000" });
    expect(seen).toEqual(["buyer:day", "fingerprint:5", "address:1440"]);
  });

  it("needs enough history before calling an amount abnormal", async () => {
    const r = rule({ condition: { type: "abnormal_amount", multiplePercent: 300, minSamples: 100 } });
    expect((await evaluateRisk([r], facts(), lookups({ amountStats: async () => ({ p99: 100n, samples: 99 }) }))).action).toBe("ALLOW");
  });
});
