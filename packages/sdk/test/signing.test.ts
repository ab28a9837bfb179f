import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSignature, newNonce, signRequest, stringToSign } from "../src/index.js";

// The fixed example of docs/signatures.md (also printed by the Java, Go, Python and PHP snippets).
const SECRET = "sk_test_example_secret_0001";
const BODY = '{"mchOrderNo":"M20261122001","amount":12800,"subject":"Sofa deposit","mode":"cashier"}';

describe("request signing", () => {
  it("signs the documented example vector (HMAC-SHA256)", () => {
    const text = stringToSign("post", "/api/v1/pay-orders", "1764547200", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", BODY);
    expect(text).toBe("POST\n/api/v1/pay-orders\n1764547200\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n9cb71b9e23d213c9186ae770b7d70bf2e89bad8e2dc4ae9973816650cb1ac6f4\n");
    expect(hmacSignature(SECRET, text)).toBe("7e301115797a51d0a6af4c991de213f76b381aaf68df23acdcdbd56c1413b996");
    const headers = signRequest("app_1", { type: "HMAC-SHA256", secret: SECRET }, { method: "POST", pathAndQuery: "/api/v1/pay-orders", body: BODY, timestamp: "1764547200", nonce: "5K8264ILTKCH16CQ2502SI8ZNMTM67VS" });
    expect(headers).toEqual({ "x-app-id": "app_1", "x-timestamp": "1764547200", "x-nonce": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "x-signature": "7e301115797a51d0a6af4c991de213f76b381aaf68df23acdcdbd56c1413b996" });
  });

  it("hashes an empty body as the empty string (GET)", () => {
    expect(stringToSign("GET", "/api/v1/events?limit=10", "1", "n".repeat(16), "").split("\n")[4]).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("signs with RSA-SHA256: base64 SHA256withRSA that the public key verifies, and says so in X-Sign-Type", () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const headers = signRequest("app_1", { type: "RSA-SHA256", privateKey: pem }, { method: "POST", pathAndQuery: "/api/v1/refunds", body: BODY, timestamp: "1764547200", nonce: "abcdefghijklmnop" });
    expect(headers["x-sign-type"]).toBe("RSA-SHA256");
    const text = stringToSign("POST", "/api/v1/refunds", "1764547200", "abcdefghijklmnop", BODY);
    expect(verify("sha256", Buffer.from(text), createPublicKey(publicKey.export({ type: "spki", format: "pem" })), Buffer.from(headers["x-signature"], "base64"))).toBe(true);
    expect(verify("sha256", Buffer.from(text.replace("refunds", "refundz")), publicKey, Buffer.from(headers["x-signature"], "base64"))).toBe(false);
  });

  it("makes nonces the API accepts, a new one each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9]{16,64}$/);
  });
});
