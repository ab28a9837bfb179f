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

/** An Alipay open-platform app in public-key mode (公钥模式): what the merchant copies from Alipay's console. */
export const alipayCredentialsSchema = z.object({
  /** The app's APPID (16 digits), Alipay's `app_id`. */
  appId: z.string().regex(/^\d{16}$/, "an Alipay app_id is 16 digits"),
  /** The app's RSA2 private key (应用私钥), PKCS#8 PEM: signs our requests. */
  privateKeyPem: z.string().refine(parses(createPrivateKey), "not a PEM private key"),
  /** Alipay's public key (支付宝公钥), PEM: verifies Alipay's answers and notifications. */
  alipayPublicKeyPem: z.string().refine(parses(createPublicKey), "not a PEM public key"),
});

export type AlipayCredentials = z.infer<typeof alipayCredentialsSchema>;

export const alipaySecretFields = ["privateKeyPem"] as const;

/** Console form hints beside the schema (the form itself is generated from it). */
export const alipayCredentialHints = { privateKeyPem: { multiline: true }, alipayPublicKeyPem: { multiline: true } };
