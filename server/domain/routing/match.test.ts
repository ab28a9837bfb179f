import { describe, expect, it } from "vitest";
import { EMPTY_CONDITIONS, type RouteConditions } from "../route-rule-schema";
import { chinaMinuteOfDay, conditionsMatch, inTimeOfDay } from "./match";
import { context } from "./test-helpers";

const c = (over: Partial<RouteConditions>): RouteConditions => ({ ...EMPTY_CONDITIONS, ...over });

describe("conditionsMatch", () => {
  it("empty conditions match everything", () => {
    expect(conditionsMatch(EMPTY_CONDITIONS, context())).toBe(true);
  });
  it("amount range is inclusive at both ends", () => {
    const range = c({ minAmount: 100, maxAmount: 200 });
    expect(conditionsMatch(range, context({ amount: 99n }))).toBe(false);
    expect(conditionsMatch(range, context({ amount: 100n }))).toBe(true);
    expect(conditionsMatch(range, context({ amount: 200n }))).toBe(true);
    expect(conditionsMatch(range, context({ amount: 201n }))).toBe(false);
    expect(conditionsMatch(c({ minAmount: 100 }), context({ amount: 10n ** 11n }))).toBe(true);
    expect(conditionsMatch(c({ maxAmount: 100 }), context({ amount: 1n }))).toBe(true);
  });
  it("modes: any of the payment's modes", () => {
    expect(conditionsMatch(c({ modes: ["h5", "wap"] }), context({ modes: ["native"] }))).toBe(false);
    expect(conditionsMatch(c({ modes: ["h5", "wap"] }), context({ modes: ["h5"] }))).toBe(true);
    expect(conditionsMatch(c({ modes: ["pc"] }), context({ modes: ["native", "pc", "qr"] }))).toBe(true);
  });
  it("entries", () => {
    expect(conditionsMatch(c({ entries: ["wechat"] }), context({ entry: "wechat" }))).toBe(true);
    expect(conditionsMatch(c({ entries: ["wechat", "alipay"] }), context({ entry: "pc" }))).toBe(false);
  });
  it("metadata: one key matches any of its values, all keys must match, a missing key fails", () => {
    const cond = c({ metadata: [{ key: "store", value: "S01" }, { key: "store", value: "S02" }, { key: "line", value: "food" }] });
    expect(conditionsMatch(cond, context({ metadata: { store: "S02", line: "food" } }))).toBe(true);
    expect(conditionsMatch(cond, context({ metadata: { store: "S03", line: "food" } }))).toBe(false);
    expect(conditionsMatch(cond, context({ metadata: { store: "S01" } }))).toBe(false);
    expect(conditionsMatch(cond, context({ metadata: {} }))).toBe(false);
  });
  it("time of day in China time, spanning midnight when from > to", () => {
    const noonChina = new Date("2026-11-22T04:00:00Z"); // 12:00 in Beijing
    expect(chinaMinuteOfDay(noonChina)).toBe(12 * 60);
    expect(conditionsMatch(c({ timeOfDay: { from: "09:00", to: "18:00" } }), context({ at: noonChina }))).toBe(true);
    expect(conditionsMatch(c({ timeOfDay: { from: "18:00", to: "09:00" } }), context({ at: noonChina }))).toBe(false);
    const lateNight = new Date("2026-11-22T17:30:00Z"); // 01:30 in Beijing
    expect(inTimeOfDay({ from: "22:00", to: "06:00" }, lateNight)).toBe(true);
    expect(inTimeOfDay({ from: "12:00", to: "12:30" }, noonChina)).toBe(true);
    expect(inTimeOfDay({ from: "11:00", to: "12:00" }, noonChina)).toBe(false);
  });
});
