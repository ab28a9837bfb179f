import { createHash, createPublicKey, type KeyObject, verify } from "node:crypto";

/**
 * RSA request signatures (docs/adr/0030, docs/api.md "Signing with RSA"): an app may register an RSA
 * public key; a request sent with `X-Sign-Type: RSA-SHA256` carries
 * `X-Signature: base64(SHA256withRSA(private key, string-to-sign))` over the same string-to-sign as HMAC.
 */

export const SIGN_TYPES = ["HMAC-SHA256", "RSA-SHA256"] as const;
export type SignType = (typeof SIGN_TYPES)[number];

export const MIN_RSA_BITS = 2048;
/** Larger keys make every verification slower for nothing; 8192 is more than any bank asks for. */
export const MAX_RSA_BITS = 8192;
/** A PEM public key of 8192 bits is about 1,500 characters. */
export const MAX_PEM_CHARS = 8_192;

/** Why an uploaded key is refused: message keys below the console's `developer.rsaErrors.*`. */
export type RsaKeyProblem =
  | "required"
  | "tooLong"
  | "privateKey"
  | "certificate"
  | "notPem"
  | "unreadable"
  | "notRsa"
  | "tooShort"
  | "tooLarge"
  | "badExponent";

export type ParsedRsaKey = { key: KeyObject; pem: string; fingerprint: string; bits: number };

const PUBLIC_PEM = /^-----BEGIN (RSA )?PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END (RSA )?PUBLIC KEY-----$/;

/**
 * An uploaded public key checked and normalised: exactly one PEM block of an RSA public key (PKCS#1 or
 * SubjectPublicKeyInfo) of 2048–8192 bits with an odd public exponent ≥ 3. A private key is refused
 * (never derive a public key from one someone pasted by mistake), as is a certificate.
 */
export function parseRsaPublicKey(input: string): ParsedRsaKey | { problem: RsaKeyProblem } {
  const text = input.trim();
  if (text === "") return { problem: "required" };
  if (text.length > MAX_PEM_CHARS) return { problem: "tooLong" };
  if (/PRIVATE KEY-----/.test(text)) return { problem: "privateKey" };
  if (/BEGIN CERTIFICATE-----/.test(text)) return { problem: "certificate" };
  if (!PUBLIC_PEM.test(text)) return { problem: "notPem" };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: text, format: "pem" });
  } catch {
    return { problem: "unreadable" };
  }
  if (key.asymmetricKeyType !== "rsa") return { problem: "notRsa" };
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) return { problem: "tooShort" };
  if (bits > MAX_RSA_BITS) return { problem: "tooLarge" };
  const exponent = key.asymmetricKeyDetails?.publicExponent ?? 0n;
  if (exponent < 3n || exponent % 2n === 0n) return { problem: "badExponent" };
  const der = key.export({ type: "spki", format: "der" });
  return { key, pem: String(key.export({ type: "spki", format: "pem" })), fingerprint: createHash("sha256").update(der).digest("hex"), bits };
}

/** A stored (already validated) key, opened once for the app cache. */
export function openRsaPublicKey(pem: string): KeyObject {
  return createPublicKey({ key: pem, format: "pem" });
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Whether `signature` (base64) is SHA256withRSA (PKCS#1 v1.5) of `text` under `key`. */
export function rsaSignatureMatches(key: KeyObject, text: string, signature: string): boolean {
  if (signature.length > 2048 || !BASE64.test(signature)) return false;
  const bytes = Buffer.from(signature, "base64");
  const modulusBytes = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (bytes.length !== modulusBytes) return false;
  try {
    return verify("sha256", Buffer.from(text, "utf8"), key, bytes);
  } catch {
    return false;
  }
}

/** The X-Sign-Type header read: absent means HMAC (as before RSA existed); anything unknown is null. */
export function signTypeOf(header: string | null): SignType | null {
  if (header === null || header.trim() === "") return "HMAC-SHA256";
  const upper = header.trim().toUpperCase();
  return SIGN_TYPES.find((type) => type === upper) ?? null;
}
