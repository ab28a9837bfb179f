import { describe, expect, it } from "vitest";
import { sign, signatureMatches, stringToSign } from "./open-api-signature";

describe("Open API signature", () => {
  it("builds the string-to-sign of OPEN-API.md", () => {
    expect(stringToSign("post", "/api/v1/pay-orders?x=1", "1763800000", "abcdefghijklmnop", "")).toBe(
      "POST\n/api/v1/pay-orders?x=1\n1763800000\nabcdefghijklmnop\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
    );
  });

  it("matches a reference HMAC-SHA256 and refuses anything else", () => {
    const text = stringToSign("GET", "/api/v1/pay-orders/P1", "1", "n".repeat(16), "");
    const signature = sign("sk_test_secret", text);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(signatureMatches("sk_test_secret", text, signature)).toBe(true);
    expect(signatureMatches("sk_test_other", text, signature)).toBe(false);
    expect(signatureMatches("sk_test_secret", `${text}x`, signature)).toBe(false);
    expect(signatureMatches("sk_test_secret", text, signature.toUpperCase())).toBe(false);
    expect(signatureMatches("sk_test_secret", text, "zz")).toBe(false);
  });
});
