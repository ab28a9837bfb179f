import { describe, expect, it } from "vitest";
import { missingProfileParts, readStoredProfile } from "./merchant-profile";

const full = {
  legalName: "杭州示例科技有限公司",
  creditCode: "91330100716105852F",
  contactName: "张三",
  contactPhone: "13800138000",
  contactEmail: "ops@example.com",
  businessCategory: "ecommerce",
  bankName: "招商银行",
  bankAccountName: "杭州示例科技有限公司",
  bankAccountLast4: "1234",
  licence: { storedName: "a.png", fileName: "licence.png", mime: "image/png", size: 10, uploadedAt: "2026-11-22T00:00:00Z" },
};

describe("merchant profile completeness", () => {
  it("is complete with every part and a sealed bank account", () => {
    expect(missingProfileParts(readStoredProfile(full), true)).toEqual([]);
  });

  it("names the missing parts", () => {
    expect(missingProfileParts(readStoredProfile(null), false)).toEqual(["company", "contact", "bankAccount", "licence"]);
    const { licence: _, ...noLicence } = full;
    expect(missingProfileParts(readStoredProfile(noLicence), true)).toEqual(["licence"]);
    expect(missingProfileParts(readStoredProfile(full), false)).toEqual(["bankAccount"]);
  });

  it("reads a malformed stored profile as empty rather than failing", () => {
    expect(readStoredProfile({ businessCategory: "casino" })).toEqual({});
    expect(readStoredProfile("nonsense")).toEqual({});
  });
});
