import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookEvent } from "./types.js";

/** Seconds a webhook's `t` may be off the receiver's clock (both ways): older deliveries are refused as replays. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** Why a webhook was refused. */
export type WebhookFailure = "missing_header" | "malformed_header" | "timestamp_out_of_tolerance" | "no_matching_signature" | "malformed_body";

export class WebhookVerificationError extends Error {
  readonly reason: WebhookFailure;
  constructor(reason: WebhookFailure, message: string) {
    super(message);
    this.name = "WebhookVerificationError";
    this.reason = reason;
  }
}

export type VerifyWebhookOptions = {
  /** The raw body exactly as received (not re-serialised JSON). */
  payload: string | Uint8Array;
  /** The `X-PayCenter-Signature` header: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. */
  header: string | null | undefined;
  /** The app secret (webhooks are HMAC-signed with it even for apps that sign requests with RSA). */
  secret: string;
  toleranceSeconds?: number;
  /** Unix seconds; the current time unless given (tests). */
  now?: number;
};

/** The signature PayCenter puts on a webhook body at time `t` (also useful to test a receiver). */
export function webhookSignatureHeader(secret: string, payload: string | Uint8Array, t: number): string {
  return `t=${t},v1=${webhookV1(secret, payload, t)}`;
}

function webhookV1(secret: string, payload: string | Uint8Array, t: number): string {
  return createHmac("sha256", secret).update(`${t}.`).update(payload).digest("hex");
}

function parseHeader(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at <= 0) return null;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === "t") {
      if (!/^\d{1,12}$/.test(value) || t !== null) return null;
      t = Number(value);
    } else if (key === "v1") {
      v1.push(value);
    }
    // other schemes (v0, a future v2) are ignored, as Stripe's libraries do
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

/**
 * Checks a webhook's `X-PayCenter-Signature` and returns the parsed event; throws a
 * WebhookVerificationError when the header is missing or malformed, its time is outside the tolerance
 * window, or no `v1` value matches (compared in constant time). Several `v1` values are accepted (any
 * one matching is enough), so a delivery signed during a secret rotation verifies with either secret.
 */
export function verifyWebhook<T = WebhookEvent>(options: VerifyWebhookOptions): T {
  const { payload, header, secret } = options;
  if (!header) throw new WebhookVerificationError("missing_header", "no X-PayCenter-Signature header");
  const parsed = parseHeader(header);
  if (!parsed) throw new WebhookVerificationError("malformed_header", "X-PayCenter-Signature is not t=…,v1=…");
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (Math.abs(now - parsed.t) > tolerance) {
    throw new WebhookVerificationError("timestamp_out_of_tolerance", `the signature's time is more than ${tolerance} s off`);
  }
  const expected = Buffer.from(webhookV1(secret, payload, parsed.t), "hex");
  let matched = false;
  for (const candidate of parsed.v1) {
    if (!/^[0-9a-f]{64}$/.test(candidate)) continue;
    // every candidate is compared (no early exit), each in constant time
    if (timingSafeEqual(expected, Buffer.from(candidate, "hex"))) matched = true;
  }
  if (!matched) throw new WebhookVerificationError("no_matching_signature", "no v1 signature matches this body and secret");
  const text = typeof payload === "string" ? payload : Buffer.from(payload).toString("utf8");
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new WebhookVerificationError("malformed_body", "the body is not JSON");
  }
}

/** verifyWebhook as a boolean. */
export function isValidWebhook(options: VerifyWebhookOptions): boolean {
  try {
    verifyWebhook(options);
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
}
