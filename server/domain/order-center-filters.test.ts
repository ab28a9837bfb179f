import { describe, expect, it } from "vitest";
import { orderCenterFiltersSchema, placedRange, savedViewFiltersSchema } from "./order-center-filters";

describe("order center filters", () => {
  it("keeps every filter of the query API, trims text and drops empty values", () => {
    const parsed = orderCenterFiltersSchema.parse({ buyerId: " U1 ", storeId: "S01", scene: "mall", type: "presale", status: "PAID", sku: "SOFA-3", from: "", to: "2026-12-03" });
    expect(parsed).toEqual({ buyerId: "U1", storeId: "S01", scene: "mall", type: "presale", status: "PAID", sku: "SOFA-3", to: "2026-12-03" });
  });

  it("drops an unknown status or type instead of failing the page", () => {
    expect(orderCenterFiltersSchema.parse({ status: "NOPE", type: "x" })).toEqual({});
  });

  it("refuses unstorable text and bad dates", () => {
    expect(orderCenterFiltersSchema.safeParse({ sku: "a\u0000b" }).success).toBe(false);
    expect(orderCenterFiltersSchema.safeParse({ from: "yesterday" }).success).toBe(false);
  });

  it("a saved view keeps no cursor", () => {
    expect(savedViewFiltersSchema.parse({ cursor: "abc", storeId: "S1" })).toEqual({ storeId: "S1" });
  });

  it("a plain date range covers whole China days", () => {
    expect(placedRange({ from: "2026-12-03", to: "2026-12-03" })).toEqual({ gte: new Date("2026-12-02T16:00:00Z"), lt: new Date("2026-12-03T16:00:00Z") });
  });
});
