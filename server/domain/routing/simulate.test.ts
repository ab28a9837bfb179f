import { describe, expect, it } from "vitest";
import { type ReplayOrder, seededRandom, simulate } from "./simulate";
import { ALI, DEFAULT_RULE, rule, WX } from "./test-helpers";

const at = new Date("2026-11-20T04:00:00Z");
const order = (accountId: string, succeeded: boolean | null, amount = 10_000n): ReplayOrder => ({ amount, mode: "native", entry: "pc", metadata: {}, at, accountId, succeeded });

describe("simulate", () => {
  const history = [
    ...Array.from({ length: 6 }, (_, i) => order("wx", i % 2 === 0)), // 50 %
    ...Array.from({ length: 4 }, () => order("ali", true)), // 100 %
  ];
  it("replays the history through a draft and estimates fees and successes per account", () => {
    const s = simulate({ orders: history, accounts: [WX, ALI], rules: [rule({ targets: [{ accountId: "ali", weight: 0 }] }), DEFAULT_RULE] });
    const wx = s.lines.find((l) => l.accountId === "wx")!;
    const ali = s.lines.find((l) => l.accountId === "ali")!;
    expect(wx.before).toEqual({ orders: 6, amount: 60_000n, fees: 360n, estimatedSuccesses: 3 });
    expect(ali.before).toEqual({ orders: 4, amount: 40_000n, fees: 220n, estimatedSuccesses: 4 });
    expect(wx.after.orders).toBe(0);
    expect(ali.after).toEqual({ orders: 10, amount: 100_000n, fees: 550n, estimatedSuccesses: 10 });
    expect(s.before.fees).toBe(580n);
    expect(s.after.estimatedSuccesses).toBe(10);
    expect(s.unrouted).toBe(0);
  });
  it("best success rate over the history prefers the better account", () => {
    const bsr = rule({ strategy: "best_success_rate", params: { windowSize: 100, windowMinutes: 60, minSamples: 3, explorationPercent: 0 }, targets: [{ accountId: "wx", weight: 0 }, { accountId: "ali", weight: 0 }] });
    const s = simulate({ orders: history, accounts: [WX, ALI], rules: [bsr, DEFAULT_RULE] });
    expect(s.lines.find((l) => l.accountId === "ali")!.after.orders).toBe(10);
  });
  it("counts orders no account could take and assumes the overall rate for unmeasured accounts", () => {
    const s = simulate({ orders: [order("wx", null), order("wx", true)], accounts: [{ ...WX, enabled: false }, ALI], rules: [DEFAULT_RULE] });
    expect(s.lines.find((l) => l.accountId === "ali")!.after.estimatedSuccesses).toBe(2);
    const none = simulate({ orders: [order("wx", true)], accounts: [{ ...WX, enabled: false }], rules: [DEFAULT_RULE] });
    expect(none.unrouted).toBe(1);
  });
  it("is deterministic", () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
