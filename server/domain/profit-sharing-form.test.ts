import { describe, expect, it } from "vitest";
import { AWAIT_AUTO_SPLIT_MS, bpsToPercent, maskAccount, percentToBps, ruleFormSchema, splitFormSchema, splitsInMotion, yuanToFen } from "./profit-sharing-form";

describe("percent ↔ basis points", () => {
  it("reads what a person types", () => {
    expect(percentToBps("10")).toBe(1000);
    expect(percentToBps(" 12.5 ")).toBe(1250);
    expect(percentToBps("0.01")).toBe(1);
    expect(percentToBps("100")).toBe(10_000);
  });
  it("refuses nothing, too much, too precise and non-numbers", () => {
    for (const bad of ["0", "0.00", "100.01", "101", "1.234", "-5", "abc", "", "1e2"]) expect(percentToBps(bad), bad).toBeUndefined();
  });
  it("writes back without trailing zeros", () => {
    expect(bpsToPercent(1000)).toBe("10");
    expect(bpsToPercent(1250)).toBe("12.5");
    expect(bpsToPercent(1)).toBe("0.01");
    expect(bpsToPercent(3000)).toBe("30");
    for (const bps of [1, 99, 100, 1234, 10_000]) expect(percentToBps(bpsToPercent(bps))).toBe(bps);
  });
});

describe("yuanToFen", () => {
  it("turns yuan into integer fen without floats", () => {
    expect(yuanToFen("0.01")).toBe(1);
    expect(yuanToFen("12.3")).toBe(1230);
    expect(yuanToFen("0.29")).toBe(29);
    expect(yuanToFen("1000000000")).toBe(100_000_000_000);
  });
  it("refuses zero, negatives, three decimals and more than the maximum", () => {
    for (const bad of ["0", "0.00", "-1", "1.001", "1000000000.01", "x", ""]) expect(yuanToFen(bad), bad).toBeUndefined();
  });
});

describe("maskAccount", () => {
  it("hides the middle of an id but keeps it recognisable", () => {
    expect(maskAccount("1900000109")).toBe("1****9");
    expect(maskAccount("2088102146225135")).toBe("208****5135");
    expect(maskAccount("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")).toBe("oUp****eS6o");
    expect(maskAccount("ab")).toBe("a*");
    expect(maskAccount("abc")).toBe("a*c");
  });
  it("keeps an e-mail's domain", () => {
    expect(maskAccount("finance@example.com")).toBe("f***@example.com");
  });
  it("never shows the whole account", () => {
    for (const a of ["abc", "1900000109", "2088102146225135", "x@y.cn"]) expect(maskAccount(a)).not.toBe(a);
  });
});

describe("ruleFormSchema", () => {
  const base = { name: "平台 10%", receiverId: "r1", mode: "RATIO" as const, ratio: "10", amount: "", match: "ALL" as const, storeId: "", metadataKey: "", metadataValue: "" };
  it("gives the router basis points and nothing of the other mode", () => {
    expect(ruleFormSchema.parse(base)).toEqual({ name: "平台 10%", receiverId: "r1", mode: "RATIO", ratioBps: 1000, match: "ALL" });
  });
  it("gives a fixed amount in fen and the metadata pair", () => {
    const out = ruleFormSchema.parse({ ...base, mode: "FIXED", ratio: "10", amount: "1.50", match: "METADATA", metadataKey: "channel", metadataValue: "vip" });
    expect(out).toEqual({ name: "平台 10%", receiverId: "r1", mode: "FIXED", amount: 150, match: "METADATA", metadataKey: "channel", metadataValue: "vip" });
  });
  it("names the field that is wrong", () => {
    const bad = ruleFormSchema.safeParse({ ...base, ratio: "200", match: "STORE" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["ratio", "ratio"],
      ["storeId", "required"],
    ]);
  });
});

describe("splitFormSchema", () => {
  it("keeps only the receivers with an amount", () => {
    const out = splitFormSchema.parse({ receivers: [{ receiverId: "a", amount: "0.10" }, { receiverId: "b", amount: " " }], finish: true });
    expect(out).toEqual({ receivers: [{ receiverId: "a", amount: 10 }], finish: true });
  });
  it("refuses a request that does nothing, and a bad amount", () => {
    expect(splitFormSchema.safeParse({ receivers: [{ receiverId: "a", amount: "" }], finish: false }).error?.issues[0]?.message).toBe("nothing");
    expect(splitFormSchema.safeParse({ receivers: [{ receiverId: "a", amount: "1.234" }], finish: true }).error?.issues[0]?.path).toEqual(["receivers", 0, "amount"]);
  });
  it("needs a receiver even when releasing the rest", () => {
    expect(splitFormSchema.safeParse({ receivers: [{ receiverId: "a", amount: "" }], finish: true }).success).toBe(false);
  });
});

describe("splitsInMotion", () => {
  const paidAt = "2026-12-04T08:00:00.000Z";
  const now = Date.parse(paidAt) + 5_000;
  const view = { inFlight: false, splits: [] as unknown[], order: { profitSharing: true, splitFinishedAt: null as string | null, paidAt: paidAt as string | null } };
  it("polls while a split or return is in flight", () => {
    expect(splitsInMotion({ ...view, inFlight: true, splits: [{}], order: { ...view.order, profitSharing: false } }, now)).toBe(true);
  });
  it("polls for the rules' split of a frozen order paid a moment ago", () => {
    expect(splitsInMotion(view, now)).toBe(true);
  });
  it("stops once a split exists and settled, the rest was released, the order is not frozen, or long after payment", () => {
    expect(splitsInMotion({ ...view, splits: [{}] }, now)).toBe(false);
    expect(splitsInMotion({ ...view, order: { ...view.order, splitFinishedAt: paidAt } }, now)).toBe(false);
    expect(splitsInMotion({ ...view, order: { ...view.order, profitSharing: false } }, now)).toBe(false);
    expect(splitsInMotion({ ...view, order: { ...view.order, paidAt: null } }, now)).toBe(false);
    expect(splitsInMotion(view, Date.parse(paidAt) + AWAIT_AUTO_SPLIT_MS)).toBe(false);
  });
});
