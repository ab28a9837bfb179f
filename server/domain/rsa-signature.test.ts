import { generateKeyPairSync, sign as rsaSign } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stringToSign } from "./open-api-signature";
import { parseRsaPublicKey, rsaSignatureMatches, signTypeOf } from "./rsa-signature";

const dir = path.join(import.meta.dirname, "fixtures/rsa");
const fixture = (name: string) => readFileSync(path.join(dir, name), "utf8");

// A fixed vector made with openssl (fixtures/rsa): the string-to-sign of OPEN-API.md for
// POST /api/v1/pay-orders with body {"mchOrderNo":"M1","amount":100,"subject":"t"}, signed with
//   openssl dgst -sha256 -sign private.pem string-to-sign.txt | base64 -w0
// and the fingerprint of `openssl pkey -pubin -in public.pem -outform DER | openssl dgst -sha256`.
const VECTOR = {
  text: fixture("string-to-sign.txt"),
  signature: fixture("signature.b64").trim(),
  fingerprint: "29efeb3877d7d80a9cc0e8a6506df900f27147e23b16dc79fe06f3697c846dd4",
};

function parsed(pem: string) {
  const result = parseRsaPublicKey(pem);
  if ("problem" in result) throw new Error(`refused: ${result.problem}`);
  return result;
}

describe("RSA-SHA256 request signatures", () => {
  it("builds the same string-to-sign as the openssl vector", () => {
    expect(stringToSign("POST", "/api/v1/pay-orders", "1764950400", "Nonce0123456789abcdef", '{"mchOrderNo":"M1","amount":100,"subject":"t"}')).toBe(VECTOR.text);
  });

  it("verifies openssl's signature and shows openssl's fingerprint", () => {
    const key = parsed(fixture("public.pem"));
    expect(key.bits).toBe(2048);
    expect(key.fingerprint).toBe(VECTOR.fingerprint);
    expect(rsaSignatureMatches(key.key, VECTOR.text, VECTOR.signature)).toBe(true);
  });

  it("refuses the signature over another text, a flipped bit, another key and garbage", () => {
    const key = parsed(fixture("public.pem")).key;
    expect(rsaSignatureMatches(key, VECTOR.text.replace("1764950400", "1764950401"), VECTOR.signature)).toBe(false);
    const bytes = Buffer.from(VECTOR.signature, "base64");
    bytes[10] ^= 1;
    expect(rsaSignatureMatches(key, VECTOR.text, bytes.toString("base64"))).toBe(false);
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const foreign = rsaSign("sha256", Buffer.from(VECTOR.text), other.privateKey).toString("base64");
    expect(rsaSignatureMatches(key, VECTOR.text, foreign)).toBe(false);
    for (const junk of ["", "not base64!", "AAAA", "a".repeat(5000), VECTOR.signature.slice(0, -4)]) {
      expect(rsaSignatureMatches(key, VECTOR.text, junk)).toBe(false);
    }
  });

  it("accepts a PKCS#1 public key and normalises it to SubjectPublicKeyInfo", () => {
    const pkcs1 = parsed(fixture("public.pem")).key.export({ type: "pkcs1", format: "pem" }).toString();
    expect(pkcs1).toContain("BEGIN RSA PUBLIC KEY");
    const key = parsed(pkcs1);
    expect(key.pem).toContain("BEGIN PUBLIC KEY");
    expect(key.fingerprint).toBe(VECTOR.fingerprint);
  });

  it("refuses hostile and wrong uploads with a reason", () => {
    const problem = (pem: string) => {
      const result = parseRsaPublicKey(pem);
      return "problem" in result ? result.problem : "accepted";
    };
    expect(problem("")).toBe("required");
    expect(problem(fixture("private.pem"))).toBe("privateKey");
    expect(problem(fixture("public-1024.pem"))).toBe("tooShort");
    expect(problem(fixture("public-ec.pem"))).toBe("notRsa");
    expect(problem("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")).toBe("certificate");
    expect(problem("ssh-rsa AAAAB3NzaC1yc2E user@host")).toBe("notPem");
    expect(problem(`${fixture("public.pem")}\n${fixture("public.pem")}`)).toBe("notPem");
    expect(problem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).toBe("unreadable");
    expect(problem(`-----BEGIN PUBLIC KEY-----\n${"A".repeat(9000)}\n-----END PUBLIC KEY-----`)).toBe("tooLong");
    expect(problem(fixture("public.pem"))).toBe("accepted");
  });

  it("reads X-Sign-Type: absent is HMAC, known names in any case, anything else is refused", () => {
    expect(signTypeOf(null)).toBe("HMAC-SHA256");
    expect(signTypeOf("rsa-sha256")).toBe("RSA-SHA256");
    expect(signTypeOf("HMAC-SHA256")).toBe("HMAC-SHA256");
    expect(signTypeOf("RSA-SHA1")).toBeNull();
  });
});
