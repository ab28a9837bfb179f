import { describe, expect, it } from "vitest";
import type { RiskFacts, RiskRuleView } from "./risk";
import { bucketStart, counterNeeds, grainOf, windowSince } from "./risk-windows";

const at = new Date("2026-12-05T15:47:31.250Z"); // 23:47 in Beijing

describe("risk windows", () => {
  it("counts windows up to 60 minutes by minute, longer ones by hour, days by the Beijing day", () => {
    expect(grainOf({ kind: "minutes", minutes: 60 })).toBe("m");
    expect(grainOf({ kind: "minutes", minutes: 120 })).toBe("h");
    expect(bucketStart(at, "m").toISOString()).toBe("2026-12-05T15:47:00.000Z");
    expect(bucketStart(at, "h").toISOString()).toBe("2026-12-05T15:00:00.000Z");
    expect(bucketStart(at, "d").toISOString()).toBe("2026-12-04T16:00:00.000Z");
    expect(bucketStart(new Date("2026-12-05T16:00:00Z"), "d").toISOString()).toBe("2026-12-05T16:00:00.000Z");
    expect(windowSince(at, { kind: "minutes", minutes: 10 }).toISOString()).toBe("2026-12-05T15:38:00.000Z");
    expect(windowSince(at, { kind: "minutes", minutes: 1 }).toISOString()).toBe("2026-12-05T15:47:00.000Z");
    expect(windowSince(at, { kind: "minutes", minutes: 180 }).toISOString()).toBe("2026-12-05T13:00:00.000Z");
    expect(windowSince(at, { kind: "day" }).toISOString()).toBe("2026-12-04T16:00:00.000Z");
  });

  it("needs exactly the windows the rules ask for, for dimensions the facts have, deduplicated", () => {
    const facts: RiskFacts = { checkpoint: "ORDER", merchantId: "m", appId: "a", at, amount: 1n, buyerId: "b", fingerprint: "f" };
    const rule = (condition: RiskRuleView["condition"]): RiskRuleView => ({ id: "r", merchantId: "m", name: "r", checkpoints: ["ORDER"], condition, action: "BLOCK", priority: 1 });
    const needs = counterNeeds(
      [
        rule({ type: "velocity", dimension: "buyer", count: 1, windowMinutes: 5 }),
        rule({ type: "velocity", dimension: "buyer", count: 9, windowMinutes: 5 }),
        rule({ type: "daily_amount_over", dimension: "buyer", amount: 1 }),
        rule({ type: "daily_count_over", dimension: "buyer", count: 1 }),
        rule({ type: "velocity", dimension: "ip", count: 1, windowMinutes: 5 }), // no IP in the facts
        rule({ type: "duplicate_order", withinMinutes: 30 }),
        rule({ type: "address_orders_over", count: 1, windowHours: 2 }), // no address
        rule({ type: "amount_over", amount: 1 }),
      ],
      facts,
    );
    expect(needs).toEqual([
      { dimension: "buyer", value: "b", window: { kind: "minutes", minutes: 5 } },
      { dimension: "buyer", value: "b", window: { kind: "day" } },
      { dimension: "fingerprint", value: "f", window: { kind: "minutes", minutes: 30 } },
    ]);
  });
});
