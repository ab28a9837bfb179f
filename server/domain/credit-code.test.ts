import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from "./credit-code";

/** Real registered companies' codes (public business registrations) and the standard's own example. */
const REAL_CODES = [
  "91440300708461136T", // 深圳市腾讯计算机系统有限公司
  "91330100716105852F", // 阿里巴巴（中国）有限公司
  "91110108551385082Q", // 小米科技有限责任公司
  "91350100M000100Y43", // GB 32100-2015 example
];

describe("unified social credit code (GB 32100-2015)", () => {
  it("accepts real codes", () => {
    for (const code of REAL_CODES) expect(isValidCreditCode(code), code).toBe(true);
  });

  it("computes the check character, including the wrap-around to 0", () => {
    expect(creditCodeCheckChar("91440300708461136")).toBe("T");
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
    // A prefix whose weighted sum is a multiple of 31 has check character 0.
    const zeroSum = "00000000000000000";
    expect(creditCodeCheckChar(zeroSum)).toBe("0");
    expect(isValidCreditCode(`${zeroSum}0`)).toBe(true);
  });

  it("rejects every single-character change of the check character", () => {
    for (const c of "0123456789ABCDEFGHJKLMNPQRTUWXY".replace("T", "")) {
      expect(creditCodeProblem(`91440300708461136${c}`)).toBe("checkDigit");
    }
  });

  it("rejects a transposition of two body characters", () => {
    expect(creditCodeProblem("91440300708461163T")).toBe("checkDigit");
  });

  it("names the problem: length, alphabet, check", () => {
    expect(creditCodeProblem("")).toBe("length");
    expect(creditCodeProblem("91440300708461136")).toBe("length");
    expect(creditCodeProblem("91440300708461136TT")).toBe("length");
    expect(creditCodeProblem("9144030070846113IT")).toBe("charset"); // I is not in the alphabet
    expect(creditCodeProblem("91440300708461136t")).toBe("charset"); // callers upper-case first
    expect(creditCodeProblem("91440300708461136Z")).toBe("charset");
    expect(creditCodeCheckChar("short")).toBeNull();
  });
});
