import { describe, expect, it } from "vitest";
import { orderFiltersSchema } from "./console-query-schema";
import { parseFilters } from "./parse-filters";

describe("parseFilters", () => {
  it("keeps valid filters and names the one that does not parse", () => {
    const { filters, invalid } = parseFilters(orderFiltersSchema, { q: "P2026", minAmount: "abc", maxAmount: "12.50" });
    expect(invalid).toEqual(["minAmount"]);
    expect(filters.q).toBe("P2026");
    expect(filters.minAmount).toBeUndefined();
    expect(filters.maxAmount).toBeDefined();
  });

  it("reports nothing when all is valid, and every bad field when several are", () => {
    expect(parseFilters(orderFiltersSchema, { minAmount: "1.00" }).invalid).toEqual([]);
    expect(parseFilters(orderFiltersSchema, { minAmount: "x", maxAmount: "-3" }).invalid.sort()).toEqual(["maxAmount", "minAmount"]);
  });
});
