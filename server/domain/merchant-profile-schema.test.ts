import { describe, expect, it } from "vitest";
import { z } from "zod";
import { maskAccountNumber, merchantProfileSchema } from "./merchant-profile-schema";

const valid = {
  legalName: "杭州示例科技有限公司",
  creditCode: " 91330100716105852f ",
  contactName: "张三",
  contactPhone: "13800138000",
  contactEmail: "Ops@Example.COM",
  businessCategory: "ecommerce",
  bankName: "招商银行杭州分行",
  bankAccountName: "杭州示例科技有限公司",
  bankAccountNumber: "6214 8301 2345 1234",
};

function errors(input: object) {
  const result = merchantProfileSchema.safeParse({ ...valid, ...input });
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
}

describe("merchant profile schema", () => {
  it("normalises what people type", () => {
    const parsed = merchantProfileSchema.parse(valid);
    expect(parsed.creditCode).toBe("91330100716105852F");
    expect(parsed.contactEmail).toBe("ops@example.com");
    expect(parsed.bankAccountNumber).toBe("6214830123451234");
  });

  it("answers each bad field with its message key", () => {
    expect(errors({ creditCode: "91330100716105852A" }).creditCode).toEqual(["creditCodeCheckDigit"]);
    expect(errors({ creditCode: "123" }).creditCode).toEqual(["creditCodeLength"]);
    expect(errors({ creditCode: "9133010071610585IF" }).creditCode).toEqual(["creditCodeCharset"]);
    expect(errors({ contactPhone: "12345" }).contactPhone).toEqual(["phoneInvalid"]);
    expect(errors({ contactPhone: "010-12345678" }).contactPhone).toBeUndefined();
    expect(errors({ contactEmail: "nope" }).contactEmail).toEqual(["emailInvalid"]);
    expect(errors({ businessCategory: "casino" }).businessCategory).toEqual(["categoryInvalid"]);
    expect(errors({ bankAccountNumber: "12ab5678" }).bankAccountNumber).toEqual(["accountNumberInvalid"]);
    expect(errors({ legalName: "  " }).legalName).toEqual(["tooShort"]);
    expect(errors({ legalName: "x".repeat(101) }).legalName).toEqual(["tooLong"]);
    expect(errors({ legalName: "Evil\u0000Corp" }).legalName).toEqual(["invalidChars"]);
    expect(errors({ contactName: "" }).contactName).toEqual(["required"]);
  });

  it("lets the account number stay empty (keep the stored one)", () => {
    expect(merchantProfileSchema.parse({ ...valid, bankAccountNumber: "" }).bankAccountNumber).toBe("");
  });

  it("masks an account number to its last four digits", () => {
    expect(maskAccountNumber("6214830123451234")).toBe("**** 1234");
  });
});
