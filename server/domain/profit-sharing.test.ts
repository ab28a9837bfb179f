import { describe, expect, it } from "vitest";
import { allocateSplit, planReturns, returnNeeded, type RuleLike, ruleMatches, splitBase, splitCap, splittable } from "./profit-sharing";

const rule = (over: Partial<RuleLike>): RuleLike => ({
  id: over.id ?? "r1",
  receiverId: "a",
  mode: "RATIO",
  ratioBps: 1000,
  amount: null,
  match: "ALL",
  storeId: null,
  metadataKey: null,
  metadataValue: null,
  enabled: true,
  ...over,
});

describe("rule matching", () => {
  it("matches all, by store (storeId or store in metadata) and by a metadata key=value; never when disabled", () => {
    expect(ruleMatches(rule({}), null)).toBe(true);
    expect(ruleMatches(rule({ enabled: false }), null)).toBe(false);
    const store = rule({ match: "STORE", storeId: "S1" });
    expect(ruleMatches(store, { storeId: "S1" })).toBe(true);
    expect(ruleMatches(store, { store: "S1" })).toBe(true);
    expect(ruleMatches(store, { storeId: "S2" })).toBe(false);
    expect(ruleMatches(store, null)).toBe(false);
    const meta = rule({ match: "METADATA", metadataKey: "channel", metadataValue: "mall" });
    expect(ruleMatches(meta, { channel: "mall" })).toBe(true);
    expect(ruleMatches(meta, { channel: "shop" })).toBe(false);
    expect(ruleMatches(meta, {})).toBe(false);
    expect(ruleMatches(rule({ match: "METADATA", metadataKey: "toString", metadataValue: "x" }), {})).toBe(false);
  });
});

describe("allocation", () => {
  it("computes on the merchant's income and floors each ratio", () => {
    expect(splitBase(10_000n, 60n, 1_000n)).toBe(8_940n);
    expect(splitBase(100n, 60n, 100n)).toBe(0n);
    const lines = allocateSplit([rule({ ratioBps: 1000 }), rule({ id: "r2", receiverId: "b", ratioBps: 333 })], 8_940n, null);
    expect(lines).toEqual([
      { receiverId: "a", amount: 894n, ruleIds: ["r1"] },
      { receiverId: "b", amount: 297n, ruleIds: ["r2"] }, // 297.702 floored
    ]);
  });

  it("caps the running total at floor(base × 30 %) and leaves out receivers that get nothing", () => {
    const base = 1_001n; // cap 300 (300.3 floored)
    expect(splitCap(base)).toBe(300n);
    const lines = allocateSplit(
      [rule({ ratioBps: 2000 }), rule({ id: "r2", receiverId: "b", mode: "FIXED", ratioBps: null, amount: 250n }), rule({ id: "r3", receiverId: "c", ratioBps: 100 })],
      base,
      null,
    );
    expect(lines.map((l) => [l.receiverId, l.amount])).toEqual([
      ["a", 200n],
      ["b", 100n],
    ]);
    expect(lines.reduce((s, l) => s + l.amount, 0n)).toBeLessThanOrEqual(splitCap(base));
  });

  it("never overshoots the cap, whatever the rules (random)", () => {
    for (let i = 0; i < 500; i++) {
      const base = BigInt(Math.floor(Math.random() * 1_000_000));
      const rules = Array.from({ length: 1 + (i % 7) }, (_, k) =>
        k % 2 ? rule({ id: `r${k}`, receiverId: `x${k % 3}`, ratioBps: 1 + Math.floor(Math.random() * 3000) }) : rule({ id: `r${k}`, receiverId: `x${k % 3}`, mode: "FIXED", ratioBps: null, amount: BigInt(Math.floor(Math.random() * 50_000)) }),
      );
      const lines = allocateSplit(rules, base, null);
      const total = lines.reduce((s, l) => s + l.amount, 0n);
      expect(total).toBeLessThanOrEqual(splitCap(base));
      expect(new Set(lines.map((l) => l.receiverId)).size).toBe(lines.length);
      expect(lines.every((l) => l.amount > 0n)).toBe(true);
    }
  });

  it("de-duplicates a receiver named by several rules and skips rules that do not match", () => {
    const lines = allocateSplit(
      [rule({}), rule({ id: "r2", mode: "FIXED", ratioBps: null, amount: 5n }), rule({ id: "r3", receiverId: "b", match: "STORE", storeId: "S9" })],
      1_000n,
      { storeId: "S1" },
    );
    expect(lines).toEqual([{ receiverId: "a", amount: 105n, ruleIds: ["r1", "r2"] }]);
  });
});

describe("splittable and returns", () => {
  it("leaves what is paid, not refunded, not in a refund and not split", () => {
    expect(splittable({ paidAmount: 1000n, refundedAmount: 100n, refundingAmount: 50n, splitAmount: 200n })).toBe(650n);
    expect(splittable({ paidAmount: 1000n, refundedAmount: 1000n, refundingAmount: 0n, splitAmount: 200n })).toBe(0n);
  });

  it("needs a return only for the part of a refund above the unsplit money", () => {
    const order = { paidAmount: 1000n, refundedAmount: 0n, splitAmount: 300n };
    expect(returnNeeded(order, 700n)).toBe(0n);
    expect(returnNeeded(order, 800n)).toBe(100n);
    expect(returnNeeded(order, 1000n)).toBe(300n);
    expect(returnNeeded({ ...order, splitAmount: 0n }, 1000n)).toBe(0n);
    expect(returnNeeded({ paidAmount: 1000n, refundedAmount: 800n, splitAmount: 300n }, 200n)).toBe(200n);
  });

  it("takes returns from the largest parts first", () => {
    const plan = planReturns(
      [
        { id: "a", remaining: 100n },
        { id: "b", remaining: 250n },
        { id: "c", remaining: 0n },
        { id: "d", remaining: 80n },
      ],
      300n,
    );
    expect(plan.map((p) => [p.part.id, p.amount])).toEqual([
      ["b", 250n],
      ["a", 50n],
    ]);
  });
});
