import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS, defaultRouteRule, EMPTY_CONDITIONS, parseStoredRule, routeRuleSchema, routeRuleSetSchema } from "./route-rule-schema";
import { entryOfDevice, entryOfMode } from "./routing/entry";

const base = { name: "r", enabled: true, isDefault: false, conditions: EMPTY_CONDITIONS, strategy: "fixed" as const, params: DEFAULT_PARAMS, targets: [{ accountId: "a", weight: 0 }] };
const issues = (value: unknown) => {
  const r = routeRuleSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};

describe("route rule schema", () => {
  it("accepts a valid rule and the default rule", () => {
    expect(issues(base)).toEqual([]);
    expect(issues(defaultRouteRule())).toEqual([]);
  });
  it("refuses what makes no sense", () => {
    expect(issues({ ...base, targets: [] })).toEqual(["targets:targets_required"]);
    expect(issues({ ...base, targets: [{ accountId: "a", weight: 0 }, { accountId: "a", weight: 0 }] })).toEqual(["targets:targets_duplicate"]);
    expect(issues({ ...base, strategy: "weighted", targets: [{ accountId: "a", weight: 60 }, { accountId: "b", weight: 30 }] })).toEqual(["targets:weights_sum"]);
    expect(issues({ ...base, conditions: { ...EMPTY_CONDITIONS, minAmount: 10, maxAmount: 5 } })).toEqual(["conditions.maxAmount:max_below_min"]);
    expect(issues({ ...base, conditions: { ...EMPTY_CONDITIONS, timeOfDay: { from: "25:00", to: "01:00" } } })).toEqual(["conditions.timeOfDay.from:time_format"]);
    expect(issues({ ...base, conditions: { ...EMPTY_CONDITIONS, timeOfDay: { from: "01:00", to: "01:00" } } })).toEqual(["conditions.timeOfDay.to:empty_time_range"]);
    expect(issues({ ...base, name: " " }).length).toBe(1);
    expect(issues({ ...base, strategy: "cheapest" }).length).toBe(1);
    expect(issues({ ...base, extra: 1 }).length).toBe(1);
  });
  it("a rule set has exactly one default rule, last and enabled", () => {
    const ok = routeRuleSetSchema.safeParse({ appId: "app", rules: [base, defaultRouteRule()] });
    expect(ok.success).toBe(true);
    expect(routeRuleSetSchema.safeParse({ appId: "app", rules: [defaultRouteRule(), base] }).success).toBe(false);
    expect(routeRuleSetSchema.safeParse({ appId: "app", rules: [base] }).success).toBe(false);
    expect(routeRuleSetSchema.safeParse({ appId: "app", rules: [{ ...defaultRouteRule(), enabled: false }] }).success).toBe(false);
  });
  it("parses stored rules, filling fields added later, refusing broken ones", () => {
    const row = { id: "x", name: "Default", enabled: true, isDefault: true, conditions: {}, strategy: "fixed", params: {}, targets: [] };
    expect(parseStoredRule(row)).toMatchObject({ id: "x", conditions: EMPTY_CONDITIONS, params: DEFAULT_PARAMS });
    expect(parseStoredRule({ ...row, strategy: "nope" })).toBeNull();
  });
});

describe("entries", () => {
  it("from the Open API mode and the cashier's device", () => {
    expect(["jsapi", "barcode", "h5", "wap", "app", "native", "pc", "qr"].map(entryOfMode)).toEqual(["wechat", "pos", "phone", "phone", "phone", "pc", "pc", "pc"]);
    expect(entryOfDevice({ kind: "phone", app: "alipay" })).toBe("alipay");
    expect(entryOfDevice({ kind: "phone", app: null })).toBe("phone");
    expect(entryOfDevice({ kind: "desktop", app: null })).toBe("pc");
  });
});
