import { describe, expect, it } from "vitest";
import { ledgerFiltersSchema } from "./ledger-schema";

describe("ledger filters", () => {
  it("reads a form's empty fields as no filter", () => {
    expect(ledgerFiltersSchema.parse({ from: "", to: "", kind: "", orderStatus: "", minAmount: "", maxAmount: "", storeId: " ", search: "" })).toEqual({});
  });

  it("keeps real filters", () => {
    expect(ledgerFiltersSchema.parse({ from: "2026-11-01", kind: "refund", minAmount: "12.5", search: "P1" })).toEqual({
      from: "2026-11-01",
      kind: "refund",
      minAmount: "12.5",
      search: "P1",
    });
  });

  it("names the field at fault", () => {
    const issues = (input: object) => ledgerFiltersSchema.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ from: "2026-11-02", to: "2026-11-01" })).toEqual([["to", "dateOrder"]]);
    expect(issues({ minAmount: "10", maxAmount: "9.99" })).toEqual([["maxAmount", "amountOrder"]]);
    expect(issues({ minAmount: "1.234" })?.[0][0]).toBe("minAmount");
    expect(issues({ kind: "gift" })?.[0][0]).toBe("kind");
    expect(issues({ search: "a\u0000b" })).toEqual([["search", "noControlCharacters"]]);
  });
});
