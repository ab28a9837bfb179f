import { describe, expect, it } from "vitest";
import { billEditFormSchema, billEditToForm, signedYuanToFen } from "./bill-edit-schema";

const blank = { outNo: "O-1", deltaYuan: "", billDate: "", amountYuan: "" };

describe("bill edits as the console types them", () => {
  it("turns signed yuan into fen on digits, exactly", () => {
    expect(signedYuanToFen("0.07")).toBe(7n);
    expect(signedYuanToFen("-0.1")).toBe(-10n);
    expect(signedYuanToFen("+19.99")).toBe(1999n);
    expect(signedYuanToFen("1000000.00")).toBe(100_000_000n);
    for (const bad of ["", "1.005", "1e3", "--1", "1,00", " . "]) expect(signedYuanToFen(bad)).toBeNull();
  });

  it("keeps only the fields of the chosen kind, and round-trips stored edits", () => {
    expect(billEditFormSchema.parse({ type: "drop", ...blank, deltaYuan: "junk" })).toEqual({ type: "drop", outNo: "O-1" });
    const stored = [
      { type: "amount", outNo: "O-1", delta: -1 },
      { type: "fee", outNo: "R-1", delta: 100_000_000 },
      { type: "status", outNo: "R-2" },
      { type: "extra", billDate: "2024-02-29", outTradeNo: "X-1", amount: 1 },
    ] as const;
    for (const edit of stored) expect(billEditFormSchema.parse(billEditToForm(edit))).toEqual(edit);
  });

  it("names the field in error", () => {
    const paths = (input: unknown) => billEditFormSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(paths({ type: "amount", ...blank, deltaYuan: "0" })).toEqual(["deltaYuan:billDeltaZero"]);
    expect(paths({ type: "extra", ...blank, billDate: "2025-02-29", amountYuan: "1000000.01" })).toEqual([
      "billDate:billDateInvalid",
      "amountYuan:billAmountRange",
    ]);
  });
});
