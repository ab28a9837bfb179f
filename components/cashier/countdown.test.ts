import { describe, expect, it } from "vitest";
import { formatRemaining } from "./countdown";

describe("formatRemaining", () => {
  it("shows minutes and seconds, hours when there are any, never below zero", () => {
    expect(formatRemaining(1_799_400)).toBe("29:59");
    expect(formatRemaining(59_000)).toBe("0:59");
    expect(formatRemaining(3_909_000)).toBe("1:05:09");
    expect(formatRemaining(-5_000)).toBe("0:00");
  });
});
