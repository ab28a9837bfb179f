import { createSign, createVerify } from "node:crypto";
import { privateKeyOf, publicKeyOf } from "../key-cache";

/**
 * The simulated Alipay's side of the wire, written from Alipay's documentation and independent of
 * the plugin (which signs through the official SDK), so that the two check each other.
 */

export type Params = Record<string, string>;

/** What Alipay signs: the non-empty parameters but `exclude`, sorted by key, `k=v` joined by `&`, raw values. */
export function signingContent(params: Params, exclude: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !exclude.includes(key) && params[key] !== "")
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("&");
}

export function signRsa2(content: string, privateKeyPem: string): string {
  return createSign("RSA-SHA256").update(content, "utf8").sign(privateKeyOf(privateKeyPem), "base64");
}

export function verifyRsa2(content: string, signature: string, publicKeyPem: string): boolean {
  try {
    return createVerify("RSA-SHA256").update(content, "utf8").verify(publicKeyOf(publicKeyPem), signature, "base64");
  } catch {
    return false;
  }
}

/** `alipay.trade.query` → `alipay_trade_query_response`. */
export function responseKey(method: string): string {
  return `${method.replaceAll(".", "_")}_response`;
}

/** The answer inside `<method>_response`: code, msg and, on failure, sub_code and sub_msg; lists such as fund_bill_list are arrays of objects. */
export type Answer = { code: string; msg: string; sub_code?: string; sub_msg?: string; [field: string]: string | undefined | Record<string, string>[] };

/** `{"<key>":{…},"sign":"…"}`, the signature covering the exact text of the inner object. */
export function signedAnswerText(key: string, answer: Answer, channelPrivateKeyPem: string): string {
  const inner = JSON.stringify(answer);
  return `{"${key}":${inner},"sign":"${signRsa2(inner, channelPrivateKeyPem)}"}`;
}

/** Gateway errors answered before the caller is known, hence unsigned. */
export function unsignedAnswerText(key: string, answer: Answer): string {
  return JSON.stringify({ [key]: answer });
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const CHINA_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** `yyyy-MM-dd HH:mm:ss` in GMT+8, as Alipay writes times. */
export function chinaTime(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

export function parseChinaTime(text: string): Date | null {
  if (!CHINA_TIME.test(text)) return null;
  const date = new Date(`${text.replace(" ", "T")}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function isChinaTime(text: string): boolean {
  return CHINA_TIME.test(text);
}
