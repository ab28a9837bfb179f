import { describe, expect, it } from "vitest";
import { evaluateRisk } from "@/server/domain/risk-engine";
import type { RiskRuleView } from "@/server/domain/risk";
import { type ReplayOrder, replayFacts, replayLookups } from "./replay";

const order = (at: string, over: Partial<ReplayOrder> = {}): ReplayOrder => ({
  orderNo: at,
  at: new Date(at),
  amount: 10_000n,
  currency: "CNY",
  buyerId: "B1",
  lines: [{ sku: "S", quantity: 1, unitPrice: 10_000n }],
  ...over,
});

const rule = (condition: RiskRuleView["condition"]): RiskRuleView => ({ id: "r", merchantId: "m", name: "r", checkpoints: ["ORDER"], condition, action: "REVIEW", priority: 1 });

async function replay(orders: ReplayOrder[], r: RiskRuleView, lists: { kind: "PHONE" | "ADDRESS_KEYWORD"; value: string }[] = []) {
  const next = replayLookups(lists, { p99: 0n, samples: 0 });
  const actions: string[] = [];
  for (const o of orders) {
    const { facts, lookups } = next(replayFacts(o, "m", "ORDER"));
    actions.push((await evaluateRisk([r], facts, lookups)).action);
  }
  return actions;
}

describe("the what-if's replay lookups", () => {
  it("counts a Beijing day: 23:59 and 00:01 (UTC+8) are two days", async () => {
    const daily = rule({ type: "daily_count_over", dimension: "buyer", count: 1 });
    // 15:59Z = 23:59 Beijing, 16:01Z = 00:01 Beijing next day
    expect(await replay([order("2026-01-01T15:58:00Z"), order("2026-01-01T15:59:00Z"), order("2026-01-01T16:01:00Z")], daily)).toEqual(["ALLOW", "REVIEW", "ALLOW"]);
  });

  it("counts a velocity window by minute buckets, this order included, per buyer", async () => {
    const velocity = rule({ type: "velocity", dimension: "buyer", count: 2, windowMinutes: 10 });
    const orders = [order("2026-01-01T10:00:30Z"), order("2026-01-01T10:05:00Z"), order("2026-01-01T10:06:00Z", { buyerId: "B2" }), order("2026-01-01T10:09:59Z"), order("2026-01-01T10:10:00Z")];
    // the 10-minute window at 10:09:59 starts at 10:00 (the third of B1's orders); at 10:10 it starts at 10:01
    expect(await replay(orders, velocity)).toEqual(["ALLOW", "ALLOW", "ALLOW", "REVIEW", "REVIEW"]);
  });

  it("finds duplicates by buyer, lines and amount, and blacklisted phones and address keywords", async () => {
    const duplicate = rule({ type: "duplicate_order", withinMinutes: 5 });
    expect(await replay([order("2026-01-01T10:00:00Z"), order("2026-01-01T10:02:00Z", { amount: 10_001n }), order("2026-01-01T10:03:00Z")], duplicate)).toEqual(["ALLOW", "ALLOW", "REVIEW"]);
    const listed = rule({ type: "blacklisted", kinds: ["PHONE", "ADDRESS_KEYWORD"] });
    const orders = [
      order("2026-01-01T10:00:00Z", { phone: "13800138000" }),
      order("2026-01-01T10:01:00Z", { phone: "13900139000", address: { province: "浙江省", city: "杭州市", detail: "某某 转运 仓 1号" } }),
      order("2026-01-01T10:02:00Z", { phone: "13900139000" }),
    ];
    expect(await replay(orders, listed, [{ kind: "PHONE", value: "13800138000" }, { kind: "ADDRESS_KEYWORD", value: "转运仓" }])).toEqual(["REVIEW", "REVIEW", "ALLOW"]);
  });

  it("sums a day's amount by buyer", async () => {
    const amount = rule({ type: "daily_amount_over", dimension: "buyer", amount: 25_000 });
    expect(await replay([order("2026-01-01T02:00:00Z"), order("2026-01-01T03:00:00Z", { buyerId: "B2", amount: 90_000n }), order("2026-01-01T04:00:00Z"), order("2026-01-01T05:00:00Z")], amount)).toEqual([
      "ALLOW",
      "REVIEW",
      "ALLOW",
      "REVIEW",
    ]);
  });
});
