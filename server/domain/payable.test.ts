import { describe, expect, it } from "vitest";
import { canTakePayments } from "./payable";

describe("canTakePayments", () => {
  it("needs an enabled account with a mode a consumer can pay with", () => {
    expect(canTakePayments([])).toBe(false);
    expect(canTakePayments([{ status: "DISABLED", modes: ["native"] }])).toBe(false);
    expect(canTakePayments([{ status: "ENABLED", modes: ["barcode"] }])).toBe(false);
    expect(canTakePayments([{ status: "ENABLED", modes: [] }])).toBe(false);
    expect(canTakePayments([{ status: "DISABLED", modes: ["h5"] }, { status: "ENABLED", modes: ["barcode", "wap"] }])).toBe(true);
  });
});
