import { z } from "zod";
import { openSigningPfx, readCertificate } from "./certificates";

function certificateParses(pem: string): boolean {
  try {
    readCertificate(pem);
    return true;
  } catch {
    return false;
  }
}

/**
 * A UnionPay ACP merchant (全渠道): what the merchant gets from UnionPay's merchant service platform
 * (test apps: from the sandbox). The .pfx is opened here, on validation, and kept open per file and
 * password (certificates.ts): the registry validates an account's credentials once per sealed
 * value, and every request then signs with the key already parsed.
 */
export const unionpayCredentialsSchema = z
  .object({
    /** The merchant number (商户号, merId): 15 characters. */
    merId: z.string().regex(/^[0-9A-Za-z]{15}$/, "a UnionPay merId is 15 letters or digits"),
    /** The signing certificate (签名证书) as a .pfx (PKCS#12) file, base64. */
    signCertPfx: z.string().min(1),
    /** The .pfx password. */
    signCertPassword: z.string().min(1),
    /** UnionPay's middle certificate (acp_…_middle.cer), PEM. */
    middleCertPem: z.string().refine(certificateParses, "not a PEM certificate"),
    /** UnionPay's root certificate (acp_…_root.cer), PEM. */
    rootCertPem: z.string().refine(certificateParses, "not a PEM certificate"),
  })
  .superRefine((credentials, ctx) => {
    try {
      openSigningPfx(credentials.signCertPfx, credentials.signCertPassword);
    } catch (error) {
      const message = (error as Error).message;
      ctx.addIssue({ code: "custom", path: [/password/.test(message) ? "signCertPassword" : "signCertPfx"], message });
    }
  });

export type UnionpayCredentials = z.infer<typeof unionpayCredentialsSchema>;

export const unionpaySecretFields = ["signCertPfx", "signCertPassword"] as const;

/** The .pfx (base64) and the PEM certificates are long: textareas. */
export const unionpayCredentialHints = { signCertPfx: { multiline: true }, middleCertPem: { multiline: true }, rootCertPem: { multiline: true } };
