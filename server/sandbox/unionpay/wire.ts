import { createHash, createSign, createVerify } from "node:crypto";

/**
 * The simulated UnionPay's side of the ACP 5.1.0 wire, written from the specification and
 * independent of the plugin, so that the two check each other: the string signed is every field but
 * `signature`, sorted, `k=v&…`; SHA256withRSA over the lowercase hex SHA-256 of it, base64.
 */

export type AcpFields = Record<string, string>;

export function sortedContent(fields: AcpFields): string {
  return Object.keys(fields)
    .filter((key) => key !== "signature")
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("&");
}

function digestHex(fields: AcpFields): string {
  return createHash("sha256").update(sortedContent(fields), "utf8").digest("hex");
}

export function acpSign(fields: AcpFields, privateKeyPem: string): string {
  return createSign("RSA-SHA256").update(digestHex(fields), "utf8").sign(privateKeyPem, "base64");
}

export function acpVerify(fields: AcpFields, publicKeyPem: string): boolean {
  try {
    return Boolean(fields.signature) && createVerify("RSA-SHA256").update(digestHex(fields), "utf8").verify(publicKeyPem, fields.signature, "base64");
  } catch {
    return false;
  }
}

/** Signs as UnionPay does its answers and notifications: signPubKeyCert included, then signature. */
export function signedByUnionpay(fields: AcpFields, keys: { channelPrivateKeyPem: string; channelCertificatePem?: string }): AcpFields {
  const signed: AcpFields = { ...fields, signMethod: "01", signPubKeyCert: keys.channelCertificatePem ?? "" };
  signed.signature = acpSign(signed, keys.channelPrivateKeyPem);
  return signed;
}

/** The back-end's answer text: `k=v&k=v`, raw values. */
export function answerBody(fields: AcpFields): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** yyyyMMddHHmmss, Beijing. */
export function beijingStamp(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

export function fromBeijingStamp(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
