import { createPrivateKey, createPublicKey } from "node:crypto";
import { z } from "zod";

function parsesAs(load: (pem: string) => unknown) {
  return (pem: string) => {
    try {
      load(pem);
      return true;
    } catch {
      return false;
    }
  };
}

/** A WeChat Pay API v3 merchant's credentials, as the merchant platform (商户平台) issues them. */
export const wechatpayCredentialsSchema = z.object({
  mchid: z.string().regex(/^\d{6,32}$/, "商户号 is digits").describe("商户号 mchid"),
  appid: z.string().min(1).max(32).describe("AppID bound to the merchant (公众号 / 小程序 / App)"),
  serialNo: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, "hexadecimal").describe("Merchant API certificate serial number"),
  apiV3Key: z.string().length(32, "exactly 32 characters").describe("APIv3 key"),
  privateKeyPem: z
    .string()
    .refine(parsesAs((pem) => createPrivateKey(pem)), "not a PEM private key")
    .describe("Merchant API private key (apiclient_key.pem)"),
  platformPublicKeyId: z.string().startsWith("PUB_KEY_ID_").describe("WeChat Pay public key ID"),
  platformPublicKeyPem: z
    .string()
    .refine(parsesAs((pem) => createPublicKey(pem)), "not a PEM public key")
    .describe("WeChat Pay public key (pub_key.pem)"),
  /**
   * The official account's AppSecret (公众号 AppSecret), for OAuth2 (snsapi_base) to learn a payer's
   * openid before a JSAPI payment (the aggregated QR code). Optional: accounts without it offer no JSAPI there.
   */
  officialAccountSecret: z
    .string()
    .regex(/^([0-9A-Za-z]{32})?$/, "an AppSecret is 32 letters and digits")
    .transform((value) => value || undefined)
    .optional()
    .describe("Official account AppSecret (for the payer's openid)"),
});

export type WechatpayCredentials = z.infer<typeof wechatpayCredentialsSchema>;

export const wechatpaySecretFields = ["apiV3Key", "privateKeyPem", "officialAccountSecret"] as const satisfies readonly (keyof WechatpayCredentials)[];

/** Console form hints beside the schema (the form itself is generated from it). */
export const wechatpayCredentialHints = { privateKeyPem: { multiline: true }, platformPublicKeyPem: { multiline: true } };
