import { createPublicKey, generateKeyPairSync } from "node:crypto";
import forge from "node-forge";
import { describe, expect, it } from "vitest";
import { issueCertificate, issueSandboxPki, MIDDLE_NAME, ROOT_NAME, UNIONPAY_SIGN_NAME } from "@/server/sandbox/unionpay/pki";
import { parseAnswer, signFields, signingDigest, signingString, verifyFields } from "./acp";
import { certificateIdentity, openSigningPfx, readCertificate, verifyUnionpayCertificate } from "./certificates";
import { VECTOR_KEY_PEM, VECTOR_SIGNATURE } from "./fixtures/vector";
import { fromOrderId, toOrderId, toTxnTime } from "./transformers";

const FIELDS = {
  version: "5.1.0", encoding: "UTF-8", signMethod: "01", txnType: "01", txnSubType: "01", bizType: "000201", channelType: "07", accessType: "0",
  merId: "777290058110048", orderId: "P20261205120000123ABCDEFGHz1", txnTime: "20261205120000", txnAmt: "12800", currencyCode: "156", certId: "69629715588",
};

describe("ACP 5.1.0 signing", () => {
  it("signs the lowercase sha256 hex of the sorted string, as openssl does over that hex", () => {
    expect(signingString({ ...FIELDS, signature: "ignored" })).toBe(
      "accessType=0&bizType=000201&certId=69629715588&channelType=07&currencyCode=156&encoding=UTF-8&merId=777290058110048&orderId=P20261205120000123ABCDEFGHz1&signMethod=01&txnAmt=12800&txnSubType=01&txnTime=20261205120000&txnType=01&version=5.1.0",
    );
    expect(signingDigest(FIELDS)).toBe("e40dd5096451c7bd5a250592f033647d42a443088a3a7c6b8c55a0b8c020c446");
    expect(signFields(FIELDS, VECTOR_KEY_PEM)).toBe(VECTOR_SIGNATURE);
    const publicKey = createPublicKey(VECTOR_KEY_PEM);
    expect(verifyFields({ ...FIELDS, signature: VECTOR_SIGNATURE }, publicKey)).toBe(true);
    expect(verifyFields({ ...FIELDS, txnAmt: "1", signature: VECTOR_SIGNATURE }, publicKey)).toBe(false);
  });

  it("reads answers whose {…} values hold & and =", () => {
    expect(parseAnswer("respCode=00&riskRateInfo={commodityName=a&b=c}&signature=ab+/=")).toEqual({ respCode: "00", riskRateInfo: "{commodityName=a&b=c}", signature: "ab+/=" });
  });

  it("maps our attempt numbers to orderIds and back, exactly", () => {
    expect(toOrderId("P20261122103000123K7M2Q9XT-1")).toBe("P20261122103000123K7M2Q9XTz1");
    expect(fromOrderId("P20261122103000123K7M2Q9XTz12")).toBe("P20261122103000123K7M2Q9XT-12");
    expect(() => toOrderId("order_1")).toThrow();
    expect(toTxnTime(new Date("2026-12-31T16:30:00Z"))).toBe("20270101003000");
  });
});

describe("signPubKeyCert chain checks", () => {
  // 1024-bit keys keep the test quick; the checks do not depend on the size
  const rsa = () => generateKeyPairSync("rsa", { modulusLength: 1024, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  const toPem = (cert: forge.pki.Certificate) => forge.pki.certificateToPem(cert);
  const [rootKey, middleKey, channel, otherRootKey] = [rsa(), rsa(), rsa(), rsa()];
  const root = issueCertificate({ subject: ROOT_NAME, issuer: ROOT_NAME, publicKeyPem: rootKey.publicKey, signerPrivateKeyPem: rootKey.privateKey, ca: true });
  const middle = issueCertificate({ subject: MIDDLE_NAME, issuer: ROOT_NAME, publicKeyPem: middleKey.publicKey, signerPrivateKeyPem: rootKey.privateKey, ca: true });
  const otherRoot = issueCertificate({ subject: ROOT_NAME, issuer: ROOT_NAME, publicKeyPem: otherRootKey.publicKey, signerPrivateKeyPem: otherRootKey.privateKey, ca: true });
  const issued = (subject = UNIONPAY_SIGN_NAME, signer = middleKey.privateKey, dates: { notBefore?: Date; notAfter?: Date } = {}) =>
    toPem(issueCertificate({ subject, issuer: MIDDLE_NAME, publicKeyPem: channel.publicKey, signerPrivateKeyPem: signer, ca: false, ...dates }));
  const trust = { middle: readCertificate(toPem(middle)), root: readCertificate(toPem(root)) };

  it("accepts UnionPay's certificate issued by the middle, itself by the root", () => {
    expect(verifyUnionpayCertificate(issued(), trust)).toMatchObject({ ok: true });
  });

  it("refuses another root, an expired certificate, another name, a tampered certificate", () => {
    expect(verifyUnionpayCertificate(issued(), { ...trust, root: readCertificate(toPem(otherRoot)) })).toMatchObject({ ok: false, reason: expect.stringMatching(/middle certificate is not issued by the root/) });
    expect(verifyUnionpayCertificate(issued(UNIONPAY_SIGN_NAME, otherRootKey.privateKey), trust)).toMatchObject({ ok: false, reason: expect.stringMatching(/not issued by the UnionPay middle/) });
    const expired = issued(UNIONPAY_SIGN_NAME, middleKey.privateKey, { notBefore: new Date(Date.now() - 3 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    expect(verifyUnionpayCertificate(expired, trust)).toMatchObject({ ok: false, reason: expect.stringMatching(/validity/) });
    expect(verifyUnionpayCertificate(issued(), trust, { now: new Date(Date.now() + 10 * 365 * 86_400_000) })).toMatchObject({ ok: false, reason: expect.stringMatching(/validity/) });
    // signed by the right middle, naming someone else
    const someoneElse = issued([{ name: "commonName", value: "041@Z12@某某支付有限公司@00000001", valueTagClass: forge.asn1.Type.UTF8 as number }]);
    expect(verifyUnionpayCertificate(someoneElse, trust)).toMatchObject({ ok: false, reason: expect.stringMatching(/某某支付有限公司, not UnionPay/) });
    // the test environment's identity: only where allowed (outside the production host)
    const testIdentity = issued([{ name: "commonName", value: "041@Z12@00040000:SIGN@00000062" }]);
    expect(verifyUnionpayCertificate(testIdentity, trust)).toMatchObject({ ok: false });
    expect(verifyUnionpayCertificate(testIdentity, trust, { acceptTestIdentity: true })).toMatchObject({ ok: true });
    // one byte of the signed body changed
    const der = Buffer.from(issued().replace(/-----[^-]+-----|\s/g, ""), "base64");
    der[120] ^= 0x01;
    const tampered = `-----BEGIN CERTIFICATE-----\n${der.toString("base64")}\n-----END CERTIFICATE-----\n`;
    expect(verifyUnionpayCertificate(tampered, trust)).toMatchObject({ ok: false });
  });

  it("names UnionPay the way the SDK reads it (third @-part of the CN)", () => {
    expect(certificateIdentity(issued())).toBe("中国银联股份有限公司");
    expect(certificateIdentity(issued([{ name: "commonName", value: "041@Z12@00040000:SIGN@00000062" }]))).toBe("00040000:SIGN");
  });

  const pki = issueSandboxPki("777290058110048", { merchant: rsa(), channel });

  it("opens the .pfx once per file and password; a wrong password is named", () => {
    const opened = openSigningPfx(pki.merchantPfxBase64, pki.merchantPfxPassword);
    expect(opened.certId).toBe(pki.merchantCertId);
    expect(openSigningPfx(pki.merchantPfxBase64, pki.merchantPfxPassword)).toBe(opened);
    expect(() => openSigningPfx(pki.merchantPfxBase64, "wrong")).toThrow(/password/);
  });
});
