import { describe, expect, it } from "vitest";
import { payoutFormSchema, settlementSettingSchema, settlementsQuerySchema, statementFiltersSchema, voidSchema } from "./settlement-schema";

describe("settlement inputs", () => {
  it("settings take the enums only", () => {
    expect(settlementSettingSchema.safeParse({ cycle: "D0", scope: "STORE", source: "JOURNAL" }).success).toBe(true);
    expect(settlementSettingSchema.safeParse({ cycle: "T7", scope: "STORE", source: "JOURNAL" }).success).toBe(false);
  });
  it("a payout needs a reference of 1..64, a real day not in the future, a note of at most 200", () => {
    const schema = payoutFormSchema(() => new Date("2026-12-04T02:00:00Z"));
    expect(schema.parse({ reference: " HX001 ", paidAt: "2026-12-04", note: "" })).toEqual({ reference: "HX001", paidAt: "2026-12-04", note: undefined });
    for (const bad of [
      { reference: "", paidAt: "2026-12-04" },
      { reference: "x".repeat(65), paidAt: "2026-12-04" },
      { reference: "HX", paidAt: "2026-12-05" },
      { reference: "HX", paidAt: "2026-02-30" },
      { reference: "HX\u0000", paidAt: "2026-12-01" },
      { reference: "HX", paidAt: "2026-12-01", note: "n".repeat(201) },
    ]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
  it("a void needs a reason", () => {
    expect(voidSchema.safeParse({ reason: "  " }).success).toBe(false);
    expect(voidSchema.safeParse({ reason: "金额有误" }).success).toBe(true);
  });
  it("the console list: dates in order, a statementNo cursor", () => {
    expect(statementFiltersSchema.safeParse({ from: "2026-12-02", to: "2026-12-01" }).success).toBe(false);
    expect(statementFiltersSchema.safeParse({ cursor: "../x" }).success).toBe(false);
    expect(statementFiltersSchema.parse({}).limit).toBe(20);
  });
  it("the Open API query: both days, at most 93 days, a known status, limit 1..100", () => {
    expect(settlementsQuerySchema.parse({ from: "2026-09-01", to: "2026-12-02" })).toMatchObject({ limit: 20 });
    expect(settlementsQuerySchema.safeParse({ from: "2026-09-01", to: "2026-12-03" }).success).toBe(false);
    expect(settlementsQuerySchema.safeParse({ from: "2026-12-02", to: "2026-12-01" }).success).toBe(false);
    expect(settlementsQuerySchema.safeParse({ from: "2026-12-01" }).success).toBe(false);
    expect(settlementsQuerySchema.safeParse({ from: "9".repeat(5000), to: "2026-12-01" }).success).toBe(false);
    expect(settlementsQuerySchema.safeParse({ from: "2026-12-01", to: "2026-12-01", status: "PAID" }).success).toBe(false);
    expect(settlementsQuerySchema.safeParse({ from: "2026-12-01", to: "2026-12-01", limit: "0" }).success).toBe(false);
    expect(settlementsQuerySchema.safeParse({ from: "2026-12-01", to: "2026-12-01", limit: "101" }).success).toBe(false);
    expect(settlementsQuerySchema.safeParse({ from: "2026-12-01", to: "2026-12-01", cursor: "x" }).success).toBe(false);
  });
});
