import { createCipheriv, createSign, createVerify, randomInt } from "node:crypto";
import { privateKeyOf, publicKeyOf } from "../key-cache";
import type { SandboxKeys } from "../types";

/**
 * The simulated WeChat Pay's cryptography, written on node:crypto alone so that the official SDK,
 * not our own plugin, is what checks it: SHA256withRSA signatures over newline-terminated lines,
 * and AEAD_AES_256_GCM resources keyed by the merchant's APIv3 key.
 */

export type WechatpayKeys = SandboxKeys & { channelPublicKeyId: string; apiV3Key: string };

export function wechatpayKeys(keys: SandboxKeys): WechatpayKeys {
  if (!keys.channelPublicKeyId || !keys.apiV3Key) throw new Error("sandbox merchant has no WeChat Pay public key id / APIv3 key");
  return keys as WechatpayKeys;
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomNonce(length = 32): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join("");
}

/** Lines joined and terminated by `\n`, the form every WeChat Pay v3 signature covers. */
export function signedMessage(...lines: string[]): string {
  return lines.map((line) => `${line}\n`).join("");
}

export function rsaSign(message: string, privateKeyPem: string): string {
  return createSign("RSA-SHA256").update(message).sign(privateKeyOf(privateKeyPem), "base64");
}

export function rsaVerify(message: string, signature: string, publicKeyPem: string): boolean {
  try {
    return createVerify("RSA-SHA256").update(message).verify(publicKeyOf(publicKeyPem), signature, "base64");
  } catch {
    return false;
  }
}

/** The headers WeChat Pay puts on its answers and notifications: its signature over `TIMESTAMP\nNONCE\nBODY\n`. */
export function signatureHeaders(keys: WechatpayKeys, body: string, now = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomNonce();
  return {
    "Wechatpay-Timestamp": timestamp,
    "Wechatpay-Nonce": nonce,
    "Wechatpay-Signature": rsaSign(signedMessage(timestamp, nonce, body), keys.channelPrivateKeyPem),
    "Wechatpay-Serial": keys.channelPublicKeyId,
    "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
  };
}

/** A notification's `resource`: the plaintext sealed with AES-256-GCM, ciphertext = base64(cipher ‖ 16-byte tag). */
export function encryptResource(apiV3Key: string, originalType: string, plaintext: string) {
  const nonce = randomNonce(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(originalType, "utf8"));
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return {
    original_type: originalType,
    algorithm: "AEAD_AES_256_GCM",
    ciphertext: sealed.toString("base64"),
    associated_data: originalType,
    nonce,
  };
}
