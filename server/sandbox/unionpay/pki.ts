import { createSign, generateKeyPair, generateKeyPairSync, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import forge from "node-forge";
import type { KeyPair } from "../types";

/**
 * The simulated UnionPay's certificates, made with node-forge (signed through node:crypto): a root
 * CA and a middle CA of its own, once per process (what UnionPay publishes as acp_test_root.cer / acp_test_middle.cer),
 * UnionPay's signing certificate issued by the middle CA (its CN names 中国银联股份有限公司 the way
 * UnionPay's do: `<type>@<id>@<organisation>@<serial>`), and the merchant's signing certificate,
 * delivered as a .pfx with a password, as UnionPay's merchant platform hands it out.
 */

const DAY_MS = 86_400_000;

type Name = { shortName?: string; name?: string; value: string; valueTagClass?: number }[];

function name(commonName: string, unit: string): Name {
  return [
    { name: "countryName", value: "CN" },
    { name: "organizationName", value: "China UnionPay Sandbox" },
    { shortName: "OU", value: unit },
    // UTF8String, so that Chinese survives (forge encodes it as UTF-8)
    { name: "commonName", value: commonName, valueTagClass: forge.asn1.Type.UTF8 as number },
  ];
}

function serial(): string {
  // positive (first bit clear), 8 bytes: certId in decimal is then up to 19 digits, as UnionPay's are
  const bytes = randomBytes(8);
  bytes[0] &= 0x7f;
  bytes[0] |= 0x01;
  return bytes.toString("hex");
}

export type IssueOptions = {
  subject: Name;
  issuer: Name;
  publicKeyPem: string;
  signerPrivateKeyPem: string;
  ca: boolean;
  notBefore?: Date;
  notAfter?: Date;
  serialHex?: string;
};

/** One X.509 certificate, signed SHA256withRSA by the issuer's key. */
export function issueCertificate(options: IssueOptions): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(options.publicKeyPem);
  cert.serialNumber = options.serialHex ?? serial();
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 5 * 365 * DAY_MS);
  cert.setSubject(options.subject);
  cert.setIssuer(options.issuer);
  cert.setExtensions(
    options.ca
      ? [{ name: "basicConstraints", cA: true, critical: true }, { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true }]
      : [{ name: "basicConstraints", cA: false }, { name: "keyUsage", digitalSignature: true, nonRepudiation: true }],
  );
  signWithNode(cert, options.signerPrivateKeyPem);
  return cert;
}

/**
 * forge's cert.sign, with the RSA signature made by node:crypto (OpenSSL) instead of forge's
 * JavaScript RSA (tens of milliseconds a signature): the same TBSCertificate, SHA256withRSA.
 */
function signWithNode(cert: forge.pki.Certificate, signerPrivateKeyPem: string): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption;
  const c = cert as forge.pki.Certificate & { md: forge.md.MessageDigest; signatureOid: string; siginfo: { algorithmOid: string }; tbsCertificate: forge.asn1.Asn1 };
  c.md = forge.md.sha256.create();
  c.signatureOid = oid;
  c.siginfo.algorithmOid = oid;
  c.tbsCertificate = (forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(c.tbsCertificate).getBytes(), "binary");
  c.signature = createSign("RSA-SHA256").update(tbs).sign(signerPrivateKeyPem).toString("binary");
}

export const ROOT_NAME = name("CFCA ACP SANDBOX ROOT", "Root");
export const MIDDLE_NAME = name("CFCA ACP SANDBOX OCA1", "Middle");
export const UNIONPAY_SIGN_NAME = name("041@Z12@中国银联股份有限公司@00000001", "00040000:SIGN");

function rsa(): KeyPair {
  return generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
}

export type SandboxPki = {
  rootPem: string;
  middlePem: string;
  channelCertificatePem: string;
  merchantPfxBase64: string;
  merchantPfxPassword: string;
  merchantCertId: string;
};

/**
 * One merchant's certificates under the sandbox's CA: the channel's and the merchant's keys are the
 * pairs the provisioning hands in.
 */
type Authority = { middleKey: KeyPair; rootPem: string; middlePem: string };

/**
 * The sandbox's root and middle CA, made once per process (as UnionPay has one root and one middle
 * for all its merchants): a merchant provisioned later in another process gets another pair, and
 * keeps the one its credentials name. Only issuing needs the middle's private key; verifying needs
 * the certificates, which travel in the credentials and the merchant's sandbox keys.
 */
let authority: Authority | null = null;

/** The CA's two keys, made off the event loop as soon as the module loads; made here and now if asked for earlier. */
let caKeys: [KeyPair, KeyPair] | null = null;
const rsaAsync = () =>
  promisify(generateKeyPair)("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
Promise.all([rsaAsync(), rsaAsync()]).then(
  (pairs) => void (caKeys ??= pairs),
  () => undefined,
);

function sandboxAuthority(): Authority {
  if (!authority) {
    const [root, middle] = caKeys ?? (caKeys = [rsa(), rsa()]);
    const rootCert = issueCertificate({ subject: ROOT_NAME, issuer: ROOT_NAME, publicKeyPem: root.publicKey, signerPrivateKeyPem: root.privateKey, ca: true });
    const middleCert = issueCertificate({ subject: MIDDLE_NAME, issuer: ROOT_NAME, publicKeyPem: middle.publicKey, signerPrivateKeyPem: root.privateKey, ca: true });
    authority = { middleKey: middle, rootPem: forge.pki.certificateToPem(rootCert), middlePem: forge.pki.certificateToPem(middleCert) };
  }
  return authority;
}

export function issueSandboxPki(merId: string, keys: { merchant: KeyPair; channel: KeyPair }): SandboxPki {
  const { middleKey: middle, rootPem, middlePem } = sandboxAuthority();
  const channelCert = issueCertificate({ subject: UNIONPAY_SIGN_NAME, issuer: MIDDLE_NAME, publicKeyPem: keys.channel.publicKey, signerPrivateKeyPem: middle.privateKey, ca: false });
  const merchantCert = issueCertificate({
    subject: name(`041@Z12@${merId}@00000001`, "Merchant:SIGN"),
    issuer: MIDDLE_NAME,
    publicKeyPem: keys.merchant.publicKey,
    signerPrivateKeyPem: middle.privateKey,
    ca: false,
  });
  const password = randomBytes(6).readUIntBE(0, 6).toString().slice(-6).padStart(6, "0");
  const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(keys.merchant.privateKey), [merchantCert], password, { algorithm: "3des", friendlyName: "acp sign" });
  return {
    rootPem,
    middlePem,
    channelCertificatePem: forge.pki.certificateToPem(channelCert),
    merchantPfxBase64: Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary").toString("base64"),
    merchantPfxPassword: password,
    merchantCertId: BigInt(`0x${merchantCert.serialNumber}`).toString(10),
  };
}
