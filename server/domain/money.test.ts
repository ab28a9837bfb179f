import { describe, expect, it } from "vitest";
import { decimalToMinor, feeForRate, formatMoney, minorToDecimal, parseCurrency } from "./money";

describe("money", () => {
  it("converts yuan strings to fen exactly", () => {
    expect(decimalToMinor("128.00")).toBe(12800n);
    expect(decimalToMinor("0.01")).toBe(1n);
    expect(decimalToMinor("0.1")).toBe(10n);
    expect(decimalToMinor("19.99")).toBe(1999n); // 19.99 * 100 is 1998.9999999999998 as a float
    expect(decimalToMinor("1000000000.00")).toBe(100_000_000_000n);
    expect(decimalToMinor("-3.50")).toBe(-350n);
    expect(decimalToMinor("500", "JPY")).toBe(500n);
  });

  it("refuses what is not an exact amount", () => {
    for (const bad of ["", "1.234", "1e3", "abc", "1.", ".5", "1,00", "NaN"]) {
      expect(() => decimalToMinor(bad), bad).toThrow(RangeError);
    }
    expect(() => decimalToMinor("1.5", "JPY")).toThrow(RangeError);
  });

  it("formats fen back to the channel's decimal strings", () => {
    expect(minorToDecimal(12800n)).toBe("128.00");
    expect(minorToDecimal(1n)).toBe("0.01");
    expect(minorToDecimal(0n)).toBe("0.00");
    expect(minorToDecimal(-5n)).toBe("-0.05");
    expect(minorToDecimal(123456789012345678n)).toBe("1234567890123456.78");
    expect(minorToDecimal(500n, "JPY")).toBe("500");
  });

  it("round-trips every amount", () => {
    for (const fen of [0n, 1n, 9n, 10n, 99n, 100n, 101n, 1999n, 100_000_000_000n]) {
      expect(decimalToMinor(minorToDecimal(fen))).toBe(fen);
    }
  });

  it("formats for people in the user's locale without floats", () => {
    expect(formatMoney(12800n, "CNY", "zh-CN")).toBe("¥128.00");
    expect(formatMoney(123456789n, "CNY", "en-US")).toBe("CN¥1,234,567.89");
    // beyond 2^53 a float would lose the last fen
    expect(formatMoney(900719925474099312n, "CNY", "zh-CN")).toBe("¥9,007,199,254,740,993.12");
  });

  it("computes fees in basis points, rounded half up", () => {
    expect(feeForRate(10000n, 60)).toBe(60n); // 0.6% of ¥100
    expect(feeForRate(12800n, 60)).toBe(77n); // 76.8 → 77
    expect(feeForRate(12500n, 60)).toBe(75n);
    expect(feeForRate(1n, 60)).toBe(0n);
    expect(() => feeForRate(100n, -1)).toThrow();
  });
});

describe("parseCurrency", () => {
  it("accepts the supported codes (CHAR(3) padding trimmed) and refuses anything else instead of assuming CNY", () => {
    expect(parseCurrency("CNY")).toBe("CNY");
    expect(parseCurrency("JPY ")).toBe("JPY");
    for (const bad of ["", "cny", "XXX", "RMB", "CN"]) expect(() => parseCurrency(bad), bad).toThrow(RangeError);
  });
});
