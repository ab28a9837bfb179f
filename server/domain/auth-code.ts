import { type ChannelCode, isChannelCode } from "./channel-codes";

/**
 * A payer's payment code (付款码, the barcode / QR code the payer's app shows and the merchant scans)
 * names its channel by its prefix and length (../shared/FIELD-NOTES.md §F, as Jeepay's
 * getPayWayCodeByBarCode reads them). One table, so a channel that joins (UnionPay's 云闪付 codes)
 * is a row; a row whose channel is not in CHANNEL_CODES is skipped until the channel exists.
 */
export type AuthCodeRule = {
  channel: string;
  /** Allowed lengths, inclusive. */
  minLength: number;
  maxLength: number;
  /** The code's first two digits, as numbers, inclusive. */
  prefixFrom: number;
  prefixTo: number;
};

export const AUTH_CODE_RULES: readonly AuthCodeRule[] = [
  // WeChat Pay: 18 digits starting 10–15
  { channel: "wechatpay", minLength: 18, maxLength: 18, prefixFrom: 10, prefixTo: 15 },
  // Alipay: 16–24 digits starting 25–30
  { channel: "alipay", minLength: 16, maxLength: 24, prefixFrom: 25, prefixTo: 30 },
  // UnionPay QR (云闪付): 19 digits starting 62 — only once a `unionpay` channel exists
  { channel: "unionpay", minLength: 19, maxLength: 19, prefixFrom: 62, prefixTo: 62 },
];

/** The channel a payment code belongs to, or null when no channel of ours issues such codes. */
export function channelOfAuthCode(authCode: string, rules: readonly AuthCodeRule[] = AUTH_CODE_RULES): ChannelCode | null {
  if (!/^\d+$/.test(authCode)) return null;
  const prefix = Number(authCode.slice(0, 2));
  for (const rule of rules) {
    if (!isChannelCode(rule.channel)) continue;
    if (authCode.length < rule.minLength || authCode.length > rule.maxLength) continue;
    if (prefix >= rule.prefixFrom && prefix <= rule.prefixTo) return rule.channel;
  }
  return null;
}

/** The message of the field error on `payer.authCode` for a code no channel of ours issues. */
export const UNKNOWN_AUTH_CODE = "is not a payment code of a supported channel (WeChat Pay: 18 digits starting 10–15; Alipay: 16–24 digits starting 25–30)";
