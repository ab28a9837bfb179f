import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets at rest (app secrets, channel credentials, bank accounts) are sealed with AES-256-GCM.
 * Envelope: `v1.<keyId>.<base64url(iv ‖ tag ‖ ciphertext)>`. The key id lets a keyring hold the
 * current key plus retired ones, so keys can be rotated without re-encrypting everything at once.
 * An optional context (e.g. "app-secret:app_123") is bound as AAD, so a sealed value copied into
 * another row does not open there.
 */
export type Keyring = { current: Buffer; previous: Buffer[] };

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error("an encryption key must be 32 bytes, as 64 hex characters or base64");
  return key;
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

export function seal(keyring: Keyring, plaintext: string, context = ""): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.current, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const packed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
  return `v1.${keyId(keyring.current)}.${packed}`;
}

export function open(keyring: Keyring, envelope: string, context = ""): string {
  const [version, kid, packed] = envelope.split(".");
  if (version !== "v1" || !kid || !packed) throw new Error("not a sealed secret");
  const key = [keyring.current, ...keyring.previous].find((k) => keyId(k) === kid);
  if (!key) throw new Error(`no key ${kid} in the keyring`);
  const raw = Buffer.from(packed, "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error("sealed secret is truncated");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** True when the envelope was sealed with a retired key and should be re-sealed. */
export function needsReseal(keyring: Keyring, envelope: string): boolean {
  return envelope.split(".")[1] !== keyId(keyring.current);
}
