import { createPrivateKey, createPublicKey } from "node:crypto";
import { z } from "zod";

function parses(make: (pem: string) => unknown) {
  return (pem: string) => {
    try {
      make(pem);
      return true;
    } catch {
      return false;
    }
  };
}

const PID = /^2088\d{12}$/;
const PID_MESSAGE = "an Alipay PID (seller id) is 2088 and 12 digits";

/** An Alipay open-platform app in public-key mode (公钥模式): what the merchant copies from Alipay's console. */
export const alipayCredentialsSchema = z.object({
  /** The app's APPID (16 digits), Alipay's `app_id`. */
  appId: z.string().regex(/^\d{16}$/, "an Alipay app_id is 16 digits"),
  /** The app's RSA2 private key (应用私钥), PKCS#8 PEM: signs our requests. */
  privateKeyPem: z.string().refine(parses(createPrivateKey), "not a PEM private key"),
  /** Alipay's public key (支付宝公钥), PEM: verifies Alipay's answers and notifications. */
  alipayPublicKeyPem: z.string().refine(parses(createPublicKey), "not a PEM public key"),
  /**
   * The merchant's PID (合作伙伴身份, 2088 + 12 digits): the `seller_id` Alipay names on the merchant's
   * trades. A notification for another seller is refused. Optional here because accounts saved before
   * it existed lack it (blank = not set); new LIVE accounts must give it (alipayLiveCredentialsSchema),
   * sandbox provisioning fills it.
   */
  sellerId: z
    .string()
    .regex(/^(2088\d{12})?$/, PID_MESSAGE)
    .transform((value) => value || undefined)
    .optional(),
});

export type AlipayCredentials = z.infer<typeof alipayCredentialsSchema>;

/** What a new LIVE account needs: the seller id too, so that every notification's seller can be checked. */
export const alipayLiveCredentialsSchema = alipayCredentialsSchema.extend({ sellerId: z.string().regex(PID, PID_MESSAGE) });

export const alipaySecretFields = ["privateKeyPem"] as const;

/** Console form hints beside the schema (the form itself is generated from it). */
export const alipayCredentialHints = { privateKeyPem: { multiline: true }, alipayPublicKeyPem: { multiline: true } };
