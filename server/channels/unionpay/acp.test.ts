import { createPublicKey, generateKeyPairSync } from "node:crypto";
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
  const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  const channel = rsa();
  const pki = issueSandboxPki("777290058110048", { merchant: rsa(), channel });
  const trust = { middle: readCertificate(pki.middlePem), root: readCertificate(pki.rootPem) };

  it("accepts UnionPay's certificate issued by the middle, itself by the root", () => {
    expect(verifyUnionpayCertificate(pki.channelCertificatePem, trust)).toMatchObject({ ok: true });
  });

  it("refuses another root, an expired certificate, another name, a tampered certificate", () => {
    const other = issueSandboxPki("777290058110048", { merchant: rsa(), channel: rsa() });
    expect(verifyUnionpayCertificate(pki.channelCertificatePem, { ...trust, root: readCertificate(other.rootPem) })).toMatchObject({ ok: false });
    expect(verifyUnionpayCertificate(other.channelCertificatePem, trust)).toMatchObject({ ok: false, reason: expect.stringMatching(/not issued/) });
    expect(verifyUnionpayCertificate(pki.channelCertificatePem, trust, { now: new Date(Date.now() + 10 * 365 * 86_400_000) })).toMatchObject({ ok: false, reason: expect.stringMatching(/validity/) });
    // signed by the right middle, but naming someone else
    const middleKey = rsa();
    const middle = issueCertificate({ subject: MIDDLE_NAME, issuer: ROOT_NAME, publicKeyPem: middleKey.publicKey, signerPrivateKeyPem: middleKey.privateKey, ca: true });
    void middle;
    const forgedName = issueCertificate({
      subject: [{ name: "commonName", value: "041@Z12@某某公司@00000001" }],
      issuer: MIDDLE_NAME,
      publicKeyPem: channel.publicKey,
      signerPrivateKeyPem: channel.privateKey,
      ca: false,
    });
    const pem = (forgedName as unknown as { pem?: string }).pem ?? require("node-forge").pki.certificateToPem(forgedName);
    expect(verifyUnionpayCertificate(pem, trust)).toMatchObject({ ok: false });
    // one byte of the signed body changed
    const der = Buffer.from(pki.channelCertificatePem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    der[200] ^= 0xff;
    const tampered = `-----BEGIN CERTIFICATE-----\n${der.toString("base64")}\n-----END CERTIFICATE-----\n`;
    expect(verifyUnionpayCertificate(tampered, trust)).toMatchObject({ ok: false });
  });

  it("names UnionPay the way the SDK reads it (third @-part of the CN)", () => {
    expect(certificateIdentity(pki.channelCertificatePem)).toBe("中国银联股份有限公司");
    const plain = issueCertificate({ subject: [{ name: "commonName", value: "041@Z12@00040000:SIGN@00000062" }], issuer: ROOT_NAME, publicKeyPem: channel.publicKey, signerPrivateKeyPem: channel.privateKey, ca: false });
    expect(certificateIdentity(require("node-forge").pki.certificateToPem(plain))).toBe("00040000:SIGN");
  });

  it("opens the .pfx once per file and password; a wrong password is named", () => {
    const opened = openSigningPfx(pki.merchantPfxBase64, pki.merchantPfxPassword);
    expect(opened.certId).toBe(pki.merchantCertId);
    expect(openSigningPfx(pki.merchantPfxBase64, pki.merchantPfxPassword)).toBe(opened);
    expect(() => openSigningPfx(pki.merchantPfxBase64, "wrong")).toThrow(/password/);
  });
});
