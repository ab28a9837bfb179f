import { describe, expect, it } from "vitest";
import { decide, failoverDecision } from "./decide";
import { ALI, context, DEFAULT_RULE, input, rule, WX, WX2 } from "./test-helpers";

const targets = (...ids: string[]) => ids.map((accountId) => ({ accountId, weight: 0 }));

describe("decide", () => {
  it("the first matching enabled rule wins; later ones are the fallback", () => {
    const big = rule({ id: "big", name: "big", conditions: { minAmount: 50_000 }, targets: targets("ali") });
    const off = rule({ id: "off", enabled: false, targets: targets("wx2") });
    const d = decide(input({ rules: [off, big, DEFAULT_RULE], context: context({ amount: 60_000n }) }));
    expect(d.rule).toEqual({ id: "big", name: "big", strategy: "fixed", isDefault: false });
    expect(d.ranked.map((r) => r.accountId)).toEqual(["ali", "wx", "wx2"]);
    const small = decide(input({ rules: [off, big, DEFAULT_RULE], context: context({ amount: 100n }) }));
    expect(small.rule?.id).toBe("default");
  });
  it("never ranks disabled accounts, accounts outside the mode, other channels or open breakers", () => {
    const at = context().at;
    const d = decide(input({
      accounts: [{ ...WX, enabled: false }, ALI, WX2],
      context: context({ modes: ["h5"] }),
      breaker: (id) => (id === "wx2" ? { state: "OPEN", consecutiveFailures: 5, openedAt: at } : undefined),
    }));
    expect(d.ranked).toEqual([]);
    expect(d.chosen).toBeNull();
    expect(d.reason).toBe("no_candidate");
    expect(d.skippedRules).toEqual([{ id: "default", name: "Default" }]);
    const named = decide(input({ context: context({ channel: "alipay" }) }));
    expect(named.ranked.map((r) => r.accountId)).toEqual(["ali"]);
    expect(decide(input()).candidates.map((c) => c.excluded)).toEqual([undefined, undefined, undefined]);
  });
  it("records every candidate with its exclusion, and a rule whose accounts are all excluded falls through", () => {
    const onlyAli = rule({ id: "ali-only", targets: targets("ali", "gone") });
    const d = decide(input({ rules: [onlyAli, DEFAULT_RULE], accounts: [WX, { ...ALI, enabled: false }, WX2] }));
    expect(d.skippedRules).toEqual([{ id: "ali-only", name: "rule" }]);
    expect(d.rule?.id).toBe("default");
    expect(d.reason).toBe("fallback_rule");
    expect(d.candidates.map((c) => [c.accountId, c.excluded ?? null])).toEqual([["wx", null], ["wx2", null], ["ali", "disabled"]]);
    const unknown = decide(input({ rules: [rule({ targets: targets("gone", "wx") }), DEFAULT_RULE] }));
    expect(unknown.candidates.map((c) => c.excluded ?? null)).toEqual([null, "unknown_account"]);
  });
  it("a half-open breaker lets traffic through", () => {
    const long = new Date(context().at.getTime() - 60_000);
    const d = decide(input({ breaker: (id) => (id === "wx" ? { state: "OPEN", consecutiveFailures: 5, openedAt: long } : undefined) }));
    expect(d.chosen?.accountId).toBe("wx");
  });
  it("uses the first of the payment's modes each account serves (cashier)", () => {
    const d = decide(input({ context: context({ modes: ["h5", "wap"], entry: "phone" }) }));
    expect(d.ranked).toEqual([{ accountId: "wx", mode: "h5" }, { accountId: "ali", mode: "wap" }, { accountId: "wx2", mode: "h5" }]);
  });
  it("fails over to the next ranked account, recording why", () => {
    const d = decide(input());
    const next = failoverDecision(d, [WX, ALI, WX2], { accountId: "wx", attemptNo: "P1-1", error: "ChannelUnavailableError" });
    expect(next.chosen?.accountId).toBe("ali");
    expect(next.reason).toBe("failover");
    expect(next.failover).toEqual({ fromAccountId: "wx", fromAttemptNo: "P1-1", error: "ChannelUnavailableError" });
    const last = failoverDecision(failoverDecision(next, [WX, ALI, WX2], { accountId: "ali", attemptNo: "P1-2", error: "x" }), [WX, ALI, WX2], { accountId: "wx2", attemptNo: "P1-3", error: "x" });
    expect(last.chosen).toBeNull();
    expect(last.reason).toBe("no_candidate");
  });
  it("the decision is plain JSON", () => {
    const d = decide(input());
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});
