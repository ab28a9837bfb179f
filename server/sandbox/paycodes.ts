import { createHmac, randomInt } from "node:crypto";

/**
 * The sandbox's payers and their payment codes (付款码). A code is what the payer's app shows and the
 * merchant's scanner reads: digits whose prefix and length name the channel (server/domain/auth-code.ts),
 * here followed by which sandbox buyer it belongs to, when it was issued and a check, so the simulated
 * channels recognise their own codes without keeping a list. Like the real ones, a code is valid for
 * one minute and pays once (the books keep each trade's code, unique per channel).
 *
 *   WeChat Pay  13 · buyer · issued (6 digits: Unix seconds mod 10⁶) · random (4) · check (5)   = 18 digits
 *   Alipay      28 · buyer · issued (6 digits: Unix seconds mod 10⁶) · random (4) · check (5)   = 18 digits
 */

/**
 * How each sandbox buyer's payments go (../shared/FIELD-NOTES.md §F):
 * - instant: paid at once (a small password-free payment);
 * - password: the payer must enter a password on the phone: USERPAYING / 10003 until they confirm
 *   on the payer page (or cancel, or never);
 * - insufficient: declined, the balance is too low (WeChat NOTENOUGH, Alipay ACQ.BUYER_BALANCE_NOT_ENOUGH);
 * - error: the channel pays, but its answer is SYSTEMERROR / ACQ.SYSTEM_ERROR (outcome unknown: query).
 */
export const SANDBOX_BUYERS = ["instant", "password", "insufficient", "error"] as const;
export type SandboxBuyer = (typeof SANDBOX_BUYERS)[number];

export function isSandboxBuyer(value: unknown): value is SandboxBuyer {
  return typeof value === "string" && (SANDBOX_BUYERS as readonly string[]).includes(value);
}

const PREFIX = { wechatpay: "13", alipay: "28" } as const;
export type PayCodeChannel = keyof typeof PREFIX;
export const PAY_CODE_CHANNELS = Object.keys(PREFIX) as PayCodeChannel[];

export function isPayCodeChannel(value: unknown): value is PayCodeChannel {
  return typeof value === "string" && Object.hasOwn(PREFIX, value);
}

/** How long a code can be used after it was shown, as the channels' own (one minute). */
export const PAY_CODE_TTL_MS = 60_000;

// Not a secret: it only tells the sandbox's codes from made-up digits.
const CHECK_KEY = "paycenter-sandbox-paycode";

function check(body: string): string {
  const digest = createHmac("sha256", CHECK_KEY).update(body).digest();
  return String(digest.readUInt32BE(0) % 100_000).padStart(5, "0");
}

const TIME_SPAN = 1_000_000;

/** A fresh payment code of `buyer` for `channel`. */
export function issuePayCode(channel: PayCodeChannel, buyer: SandboxBuyer, now = new Date()): string {
  const issued = String(Math.floor(now.getTime() / 1000) % TIME_SPAN).padStart(6, "0");
  const body = `${PREFIX[channel]}${SANDBOX_BUYERS.indexOf(buyer)}${issued}${String(randomInt(0, 10_000)).padStart(4, "0")}`;
  return `${body}${check(body)}`;
}

export type PayCodeReading = { ok: true; buyer: SandboxBuyer } | { ok: false; reason: "invalid" | "expired" };

/** Reads a code a merchant sent to `channel`: whose it is, or why it cannot pay. */
export function readPayCode(channel: PayCodeChannel, code: string, now = new Date()): PayCodeReading {
  const match = /^(\d{2})(\d)(\d{6})(\d{4})(\d{5})$/.exec(code);
  if (!match || match[1] !== PREFIX[channel] || check(code.slice(0, 13)) !== match[5]) return { ok: false, reason: "invalid" };
  const buyer = SANDBOX_BUYERS[Number(match[2])];
  if (!buyer) return { ok: false, reason: "invalid" };
  // seconds since it was issued, on the 10⁶-second wheel the code carries
  const age = (((Math.floor(now.getTime() / 1000) - Number(match[3])) % TIME_SPAN) + TIME_SPAN) % TIME_SPAN;
  if (age * 1000 > PAY_CODE_TTL_MS) return { ok: false, reason: "expired" };
  return { ok: true, buyer };
}

/** The buyer's id at the channel (WeChat openid, Alipay buyer_user_id), as trades and bills show it. */
export function sandboxBuyerId(channel: PayCodeChannel, buyer: SandboxBuyer): string {
  return channel === "wechatpay" ? `oSandboxBuyer_${buyer}` : `208800000000000${SANDBOX_BUYERS.indexOf(buyer)}`;
}
