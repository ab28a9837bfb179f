import { createHash, createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import forge from "node-forge";

/**
 * UnionPay's PKI as the ACP SDK (5.1.0) uses it: the merchant signs with the private key of its
 * signing certificate, delivered as a PKCS#12 (.pfx) file with a password; UnionPay signs with a key
 * whose certificate travels in every answer and notification (`signPubKeyCert`), and that
 * certificate is trusted only when it chains to UnionPay's middle and root certificates, is within
 * its validity dates and names UnionPay (SDK CertUtil.verifyCertificate).
 */

export type SigningIdentity = {
  /** The signing certificate's serial number in decimal: the request's `certId`. */
  certId: string;
  privateKey: KeyObject;
  certificatePem: string;
};

/** Opened .pfx files by the digest of file and password: node-forge's PKCS#12 parse costs tens of milliseconds. */
const opened = new Map<string, SigningIdentity>();

/** A forge byte string as UTF-8 text (forge keeps UTF8String attribute values as raw bytes). */
function utf8(bytes: string): string {
  try {
    return forge.util.decodeUtf8(bytes);
  } catch {
    return bytes;
  }
}

/** Serial in decimal, as the SDK's `getCertId` prints the BigInteger. */
export function serialInDecimal(hexSerial: string): string {
  return BigInt(`0x${hexSerial}`).toString(10);
}

/**
 * Opens the merchant's signing .pfx (base64 of the file, as the console takes it) once per file and
 * password. Throws an Error with a readable message when it cannot.
 */
export function openSigningPfx(pfxBase64: string, password: string): SigningIdentity {
  const key = createHash("sha256").update(pfxBase64).update("\0").update(password).digest("hex");
  const cached = opened.get(key);
  if (cached) return cached;
  const der = Buffer.from(pfxBase64.replace(/\s+/g, ""), "base64");
  if (der.length === 0) throw new Error("the .pfx is empty or not base64");
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary"))), password);
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(/MAC could not be verified|password/i.test(message) ? "the .pfx password is wrong" : "not a PKCS#12 (.pfx) file");
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const privateKey = keyBags.find((bag) => bag.key)?.key;
  if (!privateKey) throw new Error("the .pfx holds no private key");
  const modulus = (privateKey as forge.pki.rsa.PrivateKey).n;
  // the certificate of that key (a .pfx may carry the chain too)
  const cert = certBags.map((bag) => bag.cert).find((c) => c && (c.publicKey as forge.pki.rsa.PublicKey).n.equals(modulus));
  if (!cert) throw new Error("the .pfx holds no certificate for its key");
  const identity: SigningIdentity = {
    certId: serialInDecimal(cert.serialNumber),
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(privateKey)),
    certificatePem: forge.pki.certificateToPem(cert),
  };
  if (opened.size >= 1000) opened.clear();
  opened.set(key, identity);
  return identity;
}

/** Reads a PEM certificate; throws on anything else. */
export function readCertificate(pem: string): X509Certificate {
  return new X509Certificate(pem.trim());
}

/** The UnionPay name the SDK requires in a production signing certificate's CN. */
export const UNIONPAY_CN_NAME = "中国银联股份有限公司";
/** What test-environment certificates carry instead (the SDK accepts it when ifValidateCNName=false). */
export const UNIONPAY_TEST_CN_NAME = "00040000:SIGN";

/**
 * The SDK's getIdentitiesFromCertficate: the subject from `CN=` on, split at `@`, third part
 * (`CN=041@Z12@中国银联股份有限公司@00000001` → 中国银联股份有限公司).
 */
export function certificateIdentity(pem: string): string {
  const cert = forge.pki.certificateFromPem(pem);
  const cn = cert.subject.getField("CN");
  const parts = cn ? utf8(String(cn.value)).split("@") : [];
  return parts.length > 2 ? parts[2] : "";
}

export type ChainCheck = { ok: true; certificate: X509Certificate } | { ok: false; reason: string };

/**
 * CertUtil.verifyCertificate: the certificate is valid now, issued and signed by the middle
 * certificate, which is issued and signed by the root (self-signed, and both CAs valid now), and
 * names UnionPay. `acceptTestIdentity`: the test environment's 00040000:SIGN as well.
 */
export function verifyUnionpayCertificate(
  pem: string,
  trust: { middle: X509Certificate; root: X509Certificate },
  options: { now?: Date; acceptTestIdentity?: boolean } = {},
): ChainCheck {
  const now = options.now ?? new Date();
  let cert: X509Certificate;
  try {
    cert = readCertificate(pem);
  } catch {
    return { ok: false, reason: "signPubKeyCert is not a certificate" };
  }
  const { middle, root } = trust;
  const valid = (c: X509Certificate) => new Date(c.validFrom) <= now && now <= new Date(c.validTo);
  if (!valid(cert)) return { ok: false, reason: "signPubKeyCert is outside its validity dates" };
  if (!valid(middle) || !valid(root)) return { ok: false, reason: "the UnionPay middle or root certificate is outside its validity dates" };
  if (!root.checkIssued(root) || !root.verify(root.publicKey)) return { ok: false, reason: "the root certificate is not self-signed" };
  if (!middle.ca || !middle.checkIssued(root) || !middle.verify(root.publicKey)) return { ok: false, reason: "the middle certificate is not issued by the root" };
  if (!cert.checkIssued(middle) || !cert.verify(middle.publicKey)) return { ok: false, reason: "signPubKeyCert is not issued by the UnionPay middle certificate" };
  const identity = certificateIdentity(pem);
  if (identity !== UNIONPAY_CN_NAME && !(options.acceptTestIdentity && identity === UNIONPAY_TEST_CN_NAME)) {
    return { ok: false, reason: `signPubKeyCert names ${identity || "nobody"}, not UnionPay` };
  }
  return { ok: true, certificate: cert };
}
