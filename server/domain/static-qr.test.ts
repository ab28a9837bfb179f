import { describe, expect, it } from "vitest";
import { beijingDayStart, createStaticQrSchema, newStaticQrCode, payerAmountSchema, STATIC_QR_CODE_SHAPE } from "./static-qr";

describe("static QR codes", () => {
  it("are 16 unguessable Crockford base32 characters", () => {
    const codes = new Set(Array.from({ length: 200 }, newStaticQrCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(STATIC_QR_CODE_SHAPE);
  });

  it("count the cap from Beijing midnight", () => {
    expect(beijingDayStart(new Date("2026-12-05T15:59:59Z"))).toEqual(new Date("2026-12-04T16:00:00Z"));
    expect(beijingDayStart(new Date("2026-12-05T16:00:00Z"))).toEqual(new Date("2026-12-05T16:00:00Z"));
    expect(beijingDayStart(new Date("2026-12-05T03:00:00Z"))).toEqual(new Date("2026-12-04T16:00:00Z"));
  });

  it("take amounts in yuan with at most two decimals, in fen", () => {
    expect(payerAmountSchema.parse("12.5")).toBe(1250n);
    expect(payerAmountSchema.parse("0.01")).toBe(1n);
    for (const bad of ["0", "0.00", "1.234", "-1", "1e3", "", "100000.01"]) expect(payerAmountSchema.safeParse(bad).success).toBe(false);
  });

  it("are created with a fixed or open amount, an optional store, and field errors as message keys", () => {
    const base = { appId: "app_X", storeId: "", name: "收银台", subject: "消费", amountYuan: "" };
    expect(createStaticQrSchema.safeParse(base).success).toBe(true);
    expect(createStaticQrSchema.safeParse({ ...base, amountYuan: "9.90", storeId: "S01" }).success).toBe(true);
    const issues = (input: object) => createStaticQrSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => i.message);
    expect(issues({ amountYuan: "1.234" })).toEqual(["yuanInvalid"]);
    expect(issues({ amountYuan: "200000" })).toEqual(["yuanTooLarge"]);
    expect(issues({ storeId: "S 01" })).toEqual(["storeIdInvalid"]);
    expect(issues({ name: " " })).toEqual(["nameRequired"]);
  });
});
