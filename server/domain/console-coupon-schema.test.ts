import { describe, expect, it } from "vitest";
import { consoleCouponSchema, expiryInstant, parseCouponCsv, yuanTextToFen } from "./console-coupon-schema";

/** A local date about a year ahead (the schema refuses the past and more than five years ahead). */
const future = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
const endOfFuture = new Date(Date.parse(`${future}T23:59:59.999+08:00`)).toISOString();

describe("console coupon form", () => {
  it("turns yuan into fen digit by digit and a local date into the end of that day (CST)", () => {
    const coupon = consoleCouponSchema.parse({ buyerId: " U1 ", type: "amount_off", value: "20.5", minSpend: "100", expiresAt: future, couponNo: "" });
    expect(coupon).toEqual({ buyerId: "U1", type: "amount_off", value: 2050, minSpend: 10000, expiresAt: endOfFuture });
    expect(yuanTextToFen("0.07")).toBe(7);
    expect(yuanTextToFen("19.999")).toBeNull();
    expect(yuanTextToFen("-1")).toBeNull();
    expect(expiryInstant("2030-02-30")).toBeNull();
    expect(expiryInstant("2030-01-01T10:00:00+08:00")?.toISOString()).toBe("2030-01-01T02:00:00.000Z");
  });

  it("takes a percentage 1–99 for percent_off and keeps a couponNo given", () => {
    expect(consoleCouponSchema.parse({ buyerId: "U1", type: "percent_off", value: "15", minSpend: "", expiresAt: future, couponNo: "VIP-1" })).toMatchObject({
      value: 15,
      minSpend: 0,
      couponNo: "VIP-1",
    });
  });

  it("names the field and the reason of every bad value", () => {
    const errors = (input: Record<string, string>) => {
      const result = consoleCouponSchema.safeParse({ buyerId: "U1", type: "amount_off", value: "20", minSpend: "0", expiresAt: future, couponNo: "", ...input });
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    };
    expect(errors({})).toEqual([]);
    expect(errors({ buyerId: " " })).toEqual(["buyerId:buyerRequired"]);
    expect(errors({ buyerId: "x".repeat(65) })).toEqual(["buyerId:buyerTooLong"]);
    expect(errors({ buyerId: "a\u0000b" })).toEqual(["buyerId:buyerInvalid"]);
    expect(errors({ type: "free" })).toEqual(["type:typeInvalid"]);
    expect(errors({ value: "0" })).toEqual(["value:valueYuan"]);
    expect(errors({ value: "abc" })).toEqual(["value:valueYuan"]);
    expect(errors({ type: "percent_off", value: "100" })).toEqual(["value:valuePercent"]);
    expect(errors({ type: "percent_off", value: "0" })).toEqual(["value:valuePercent"]);
    expect(errors({ minSpend: "1.234" })).toEqual(["minSpend:minSpendYuan"]);
    expect(errors({ value: "50", minSpend: "30" })).toEqual(["value:valueAboveMinSpend"]);
    expect(errors({ expiresAt: "tomorrow" })).toEqual(["expiresAt:expiresAtFormat"]);
    expect(errors({ expiresAt: "2020-01-01" })).toEqual(["expiresAt:expiresAtPast"]);
    expect(errors({ expiresAt: `${Number(future.slice(0, 4)) + 6}-01-01` })).toEqual(["expiresAt:expiresAtTooFar"]);
    expect(errors({ couponNo: "有 空格" })).toEqual(["couponNo:couponNoInvalid"]);
  });
});

describe("coupon CSV", () => {
  it("skips a header, numbers lines as a spreadsheet does and checks each row on its own", () => {
    const text = `\uFEFFbuyerId,type,value,minSpend,expiresAt,couponNo\r\nU1,amount_off,20,100,${future},\r\nU2,percent_off,150,0,${future}\r\n"U3",amount_off,5,,${future},C-3\r\nU4,amount_off,1,2,${future},X,extra\r\n`;
    const parsed = parseCouponCsv(text);
    if (!("rows" in parsed)) throw new Error("not parsed");
    expect(parsed.rows.map((r) => [r.line, r.ok ? r.coupon.buyerId : `${r.field}:${r.error}`])).toEqual([
      [2, "U1"],
      [3, "value:valuePercent"],
      [4, "U3"],
      [5, "row:tooManyColumns"],
    ]);
    const third = parsed.rows[2]!;
    expect(third.ok && third.coupon).toMatchObject({ couponNo: "C-3", minSpend: 0, value: 500 });
  });

  it("reads a file without a header from line 1, refuses an empty or too large one", () => {
    const parsed = parseCouponCsv(`U1,amount_off,1,0,${future}\n`);
    expect("rows" in parsed && parsed.rows[0]?.line).toBe(1);
    expect(parseCouponCsv("buyerId,type,value,minSpend,expiresAt\n\n")).toEqual({ error: "empty" });
    expect(parseCouponCsv(`U1,amount_off,1,0,${future}\n`.repeat(1001))).toEqual({ error: "tooLarge" });
    expect(parseCouponCsv("x".repeat(200_001))).toEqual({ error: "tooLarge" });
  });
});
