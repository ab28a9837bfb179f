import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * Open API request signing (OPEN-API.md): lowercase hex HMAC-SHA256(app secret, string-to-sign),
 * string-to-sign = METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nSHA256_HEX(raw body)\n
 */
export function stringToSign(method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string | Buffer): string {
  const bodyHash = createHash("sha256").update(body).digest("hex");
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${bodyHash}\n`;
}

export function sign(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text).digest("hex");
}

/** Constant-time comparison of a given hex signature with the expected one. */
export function signatureMatches(secret: string, text: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(sign(secret, text), "hex"), Buffer.from(given, "hex"));
}

export const NONCE_PATTERN = /^[A-Za-z0-9]{16,64}$/;
export const TIMESTAMP_WINDOW_SECONDS = 300;
export const NONCE_TTL_SECONDS = 600;
