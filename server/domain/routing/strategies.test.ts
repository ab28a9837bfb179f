import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../route-rule-schema";
import { decide } from "./decide";
import { bpsOf } from "./strategies";
import { ALI, input, rule, sequence, WX, WX2 } from "./test-helpers";

const targets = (...ids: string[]) => ids.map((accountId) => ({ accountId, weight: 0 }));
const order = (d: ReturnType<typeof decide>) => d.ranked.map((r) => r.accountId);

describe("bpsOf", () => {
  it("rounds half up in integer fen", () => {
    expect(bpsOf(10_000n, 60)).toBe(60n);
    expect(bpsOf(1n, 60)).toBe(0n);
    expect(bpsOf(100n, 50)).toBe(1n); // 0.5 → 1
    expect(bpsOf(100_000_000_000n, 60)).toBe(600_000_000n);
  });
});

describe("fixed", () => {
  it("takes the listed order; the default rule (no targets) takes priority order", () => {
    const d = decide(input({ rules: [rule({ targets: targets("ali", "wx") })], context: { ...input().context, modes: ["native"] } }));
    expect(order(d)).toEqual(["ali", "wx"]);
    expect(d.reason).toBe("listed_order");
    expect(d.chosen).toEqual({ accountId: "ali", channel: "alipay", name: "Alipay", mode: "native" });
    expect(order(decide(input()))).toEqual(["wx", "ali", "wx2"]);
  });
});

describe("weighted", () => {
  const weighted = rule({ strategy: "weighted", targets: [{ accountId: "wx", weight: 70 }, { accountId: "ali", weight: 30 }] });
  it("picks by weight", () => {
    expect(decide(input({ rules: [weighted], random: () => 0.69 })).chosen?.accountId).toBe("wx");
    expect(decide(input({ rules: [weighted], random: () => 0.7 })).chosen?.accountId).toBe("ali");
    const d = decide(input({ rules: [weighted], random: () => 0.99 }));
    expect(d.reason).toBe("weighted_pick");
    expect(order(d)).toEqual(["ali", "wx"]);
    expect(d.candidates.map((c) => c.score)).toEqual([30, 70]);
  });
  it("splits traffic in proportion over many payments", () => {
    let i = 0;
    const counts = { wx: 0, ali: 0 } as Record<string, number>;
    for (; i < 1000; i++) counts[decide(input({ rules: [weighted], random: () => (i + 0.5) / 1000 })).chosen!.accountId]++;
    expect(counts).toEqual({ wx: 700, ali: 300 });
  });
  it("renormalises over eligible accounts; all-zero weights fall back to listed order", () => {
    const d = decide(input({ rules: [weighted], accounts: [{ ...WX, enabled: false }, ALI, WX2], random: () => 0 }));
    expect(d.chosen?.accountId).toBe("ali");
    const zero = rule({ strategy: "weighted", targets: [{ accountId: "wx2", weight: 0 }, { accountId: "wx", weight: 0 }] });
    expect(order(decide(input({ rules: [zero] }))).slice(0, 2)).toEqual(["wx2", "wx"]);
  });
});

describe("lowest cost / highest subsidy", () => {
  it("lowest fee first, ties in listed order, scores are fees in fen", () => {
    const d = decide(input({ rules: [rule({ strategy: "lowest_cost", targets: targets("wx", "ali", "wx2") })], context: { ...input().context, amount: 100_000n } }));
    expect(order(d)).toEqual(["wx2", "ali", "wx"]);
    expect(d.reason).toBe("lowest_cost");
    expect(d.candidates.map((c) => [c.accountId, c.score])).toEqual([["wx2", 380], ["ali", 550], ["wx", 600]]);
    const tie = decide(input({ rules: [rule({ strategy: "lowest_cost", targets: targets("ali", "wx") })], accounts: [WX, { ...ALI, feeRateBps: 60 }] }));
    expect(order(tie)).toEqual(["ali", "wx"]);
  });
  it("highest subsidy first", () => {
    const d = decide(input({ rules: [rule({ strategy: "highest_subsidy", targets: targets("wx", "wx2", "ali") })] }));
    expect(order(d)).toEqual(["ali", "wx2", "wx"]);
    expect(d.candidates[0].score).toBe(30);
  });
});

describe("best success rate", () => {
  const params = { ...DEFAULT_PARAMS, minSamples: 10, explorationPercent: 10 };
  const bsr = rule({ strategy: "best_success_rate", params, targets: targets("wx", "ali") });
  const health = (rates: Record<string, [number, number]>) => (id: string) => (rates[id] ? { samples: rates[id][0], successes: rates[id][1] } : undefined);

  it("measures accounts below the minimum sample first", () => {
    const d = decide(input({ rules: [bsr], health: health({ wx: [20, 10], ali: [3, 3] }), random: () => 0.99 }));
    expect(order(d)).toEqual(["ali", "wx"]);
    expect(d.reason).toBe("measuring");
    expect(d.candidates.find((c) => c.accountId === "ali")).toMatchObject({ score: 1000, samples: 3 });
  });
  it("ranks measured accounts by success rate", () => {
    const d = decide(input({ rules: [bsr], health: health({ wx: [20, 10], ali: [20, 19] }), random: () => 0.99 }));
    expect(order(d)).toEqual(["ali", "wx"]);
    expect(d.reason).toBe("best_success_rate");
    expect(d.candidates.map((c) => c.score)).toEqual([950, 500]);
  });
  it("ties keep the listed order", () => {
    expect(order(decide(input({ rules: [bsr], health: health({ wx: [10, 10], ali: [10, 10] }), random: () => 0.99 })))).toEqual(["wx", "ali"]);
  });
  it("explores another candidate with the configured share", () => {
    const d = decide(input({ rules: [bsr], health: health({ wx: [20, 10], ali: [20, 19] }), random: sequence(0.05, 0) }));
    expect(d.reason).toBe("exploration");
    expect(order(d)).toEqual(["wx", "ali"]);
    let explored = 0;
    for (let i = 0; i < 1000; i++) {
      const r = decide(input({ rules: [bsr], health: health({ wx: [20, 10], ali: [20, 19] }), random: sequence((i + 0.5) / 1000, 0) }));
      if (r.chosen?.accountId === "wx") explored++;
    }
    expect(explored).toBe(100);
  });
  it("never explores with a single candidate or a zero share", () => {
    const one = rule({ strategy: "best_success_rate", params, targets: targets("wx") });
    expect(decide(input({ rules: [one], random: () => 0 })).reason).toBe("measuring");
    const none = rule({ strategy: "best_success_rate", params: { ...params, explorationPercent: 0 }, targets: targets("wx", "ali") });
    expect(decide(input({ rules: [none], health: health({ wx: [20, 10], ali: [20, 19] }), random: () => 0 })).chosen?.accountId).toBe("ali");
  });
  it("reads health per account and mode", () => {
    const d = decide(input({
      rules: [bsr],
      health: (id, mode) => (mode === "native" ? { samples: 20, successes: id === "wx" ? 20 : 5 } : undefined),
      random: () => 0.99,
    }));
    expect(d.chosen?.accountId).toBe("wx");
  });
});
