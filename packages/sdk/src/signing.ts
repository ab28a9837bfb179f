import { createHash, createHmac, createPrivateKey, randomBytes, sign as rsaSign, type KeyObject } from "node:crypto";

/**
 * Request signing of the PayCenter Open API.
 *
 * string-to-sign = METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nSHA256_HEX(raw body)\n
 *
 * HMAC-SHA256 (default): `X-Signature` = lowercase hex of HMAC-SHA256(app secret, string-to-sign).
 * RSA-SHA256: `X-Sign-Type: RSA-SHA256`, `X-Signature` = base64 of SHA256withRSA(private key, string-to-sign),
 * verified with the public key registered for the app.
 */
export function stringToSign(method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string | Uint8Array): string {
  const bodyHash = createHash("sha256").update(body).digest("hex");
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${bodyHash}\n`;
}

/** Lowercase hex HMAC-SHA256 of the string-to-sign with the app secret. */
export function hmacSignature(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text).digest("hex");
}

/** Base64 SHA256withRSA (PKCS #1 v1.5) of the string-to-sign with the app's private key. */
export function rsaSignature(privateKey: string | KeyObject, text: string): string {
  const key = typeof privateKey === "string" ? createPrivateKey(privateKey) : privateKey;
  return rsaSign("sha256", Buffer.from(text, "utf8"), key).toString("base64");
}

/** 32 characters of [0-9a-f]: within the 16–64 [A-Za-z0-9] the API accepts, new for every request. */
export function newNonce(): string {
  return randomBytes(16).toString("hex");
}

/** How a client signs: with the shared secret (HMAC) or its own RSA private key. */
export type Signer =
  | { type: "HMAC-SHA256"; secret: string }
  | { type: "RSA-SHA256"; privateKey: string | KeyObject };

export type SignedHeaders = {
  "x-app-id": string;
  "x-timestamp": string;
  "x-nonce": string;
  "x-signature": string;
  "x-sign-type"?: "RSA-SHA256";
};

/** The authentication headers of one request (a new nonce and the current time unless given). */
export function signRequest(
  appId: string,
  signer: Signer,
  request: { method: string; pathAndQuery: string; body: string; timestamp?: string; nonce?: string },
): SignedHeaders {
  const timestamp = request.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = request.nonce ?? newNonce();
  const text = stringToSign(request.method, request.pathAndQuery, timestamp, nonce, request.body);
  if (signer.type === "RSA-SHA256") {
    return { "x-app-id": appId, "x-timestamp": timestamp, "x-nonce": nonce, "x-signature": rsaSignature(signer.privateKey, text), "x-sign-type": "RSA-SHA256" };
  }
  return { "x-app-id": appId, "x-timestamp": timestamp, "x-nonce": nonce, "x-signature": hmacSignature(signer.secret, text) };
}
