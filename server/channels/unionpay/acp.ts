import { createHash, createSign, createVerify, type KeyObject } from "node:crypto";

/**
 * The ACP 5.1.0 wire format (../shared/FIELD-NOTES.md §E, the SDK's SDKUtil.sign / validate):
 * - the string signed is every field but `signature`, keys sorted by code point, `k=v` joined by
 *   `&`, values raw (no URL encoding);
 * - its SHA-256 digest as lowercase hex, and SHA256withRSA over the bytes of that hex string,
 *   base64 (signMethod 01).
 * Requests and notifications are URL-encoded forms; the back-end answers are `k=v&…` with raw
 * values, a value in braces `{…}` may hold `&` and `=`.
 */

export type Fields = Record<string, string>;

export const ACP_VERSION = "5.1.0";
export const ACP_ENCODING = "UTF-8";
export const SIGN_METHOD_RSA = "01";

/** The sorted `k=v&…` of every field but `signature`. */
export function signingString(fields: Fields): string {
  return Object.keys(fields)
    .filter((key) => key !== "signature")
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("&");
}

/** sha256 of the signing string as lowercase hex: what SHA256withRSA signs (as bytes of that text). */
export function signingDigest(fields: Fields): string {
  return createHash("sha256").update(signingString(fields), "utf8").digest("hex");
}

/** The `signature` of `fields` under `privateKey` (signMethod 01, version 5.1.0). */
export function signFields(fields: Fields, privateKey: KeyObject | string): string {
  return createSign("RSA-SHA256").update(signingDigest(fields), "utf8").sign(privateKey, "base64");
}

/** Whether `fields.signature` is the signature of the other fields under `publicKey`. */
export function verifyFields(fields: Fields, publicKey: KeyObject | string): boolean {
  if (!fields.signature) return false;
  try {
    return createVerify("RSA-SHA256").update(signingDigest(fields), "utf8").verify(publicKey, fields.signature, "base64");
  } catch {
    return false;
  }
}

/** Fields as a request sends them: empty ones dropped (the SDK's filterBlank), then signed. */
export function signedRequest(fields: Record<string, string | undefined>, certId: string, privateKey: KeyObject | string): Fields {
  const kept: Fields = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== "") kept[key] = value;
  kept.certId = certId;
  kept.signature = signFields(kept, privateKey);
  return kept;
}

/**
 * An answer of the back-end (`k=v&k=v`, raw values): a value starting with `{` runs to its matching
 * `}` and may hold `&` (the SDK's SDKUtil.parseQString); the key ends at the first `=`.
 */
export function parseAnswer(text: string): Fields {
  const fields: Fields = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf("=", i);
    if (eq < 0) break;
    const key = text.slice(i, eq);
    let j = eq + 1;
    if (text[j] === "{") {
      let depth = 0;
      for (; j < text.length; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}" && --depth === 0) {
          j++;
          break;
        }
      }
    }
    const end = text.indexOf("&", j);
    const stop = end < 0 ? text.length : end;
    fields[key] = text.slice(eq + 1, stop);
    i = stop + 1;
  }
  return fields;
}

/** The inverse of parseAnswer, as the back-end writes its answers (the sandbox's side). */
export function answerText(fields: Fields): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}
