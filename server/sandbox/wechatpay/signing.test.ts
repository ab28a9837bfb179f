import { generateKeyPairSync } from "node:crypto";
import { Aes, Formatter, Rsa } from "wechatpay-axios-plugin";
import { describe, expect, it } from "vitest";
import { parseAuthorization } from "./api";
import { encryptResource, signatureHeaders, type WechatpayKeys } from "./signing";

/** The simulated channel's cryptography, checked by the official SDK's own primitives. */

const channel = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});
const keys: WechatpayKeys = {
  merchantPublicKeyPem: "",
  channelPrivateKeyPem: channel.privateKey,
  channelPublicKeyId: "PUB_KEY_ID_0114232134912410000000000000",
  apiV3Key: "0123456789abcdefghijklmnopqrstuv",
};

describe("wechatpay sandbox signing", () => {
  it("signs answers so the SDK's Rsa.verify(Formatter.response(…)) accepts them", () => {
    const body = JSON.stringify({ code_url: "http://x/sandbox/wechatpay/pay/42" });
    const headers = signatureHeaders(keys, body);
    expect(headers["Wechatpay-Serial"]).toBe(keys.channelPublicKeyId);
    expect(Number(headers["Wechatpay-Timestamp"])).toBeCloseTo(Date.now() / 1000, -1);
    const message = Formatter.response(headers["Wechatpay-Timestamp"], headers["Wechatpay-Nonce"], body);
    expect(Rsa.verify(message, headers["Wechatpay-Signature"], channel.publicKey)).toBe(true);
    expect(Rsa.verify(`${message} `, headers["Wechatpay-Signature"], channel.publicKey)).toBe(false);
    // a 204's signature covers the empty body line
    const empty = signatureHeaders(keys, "");
    expect(Rsa.verify(Formatter.response(empty["Wechatpay-Timestamp"], empty["Wechatpay-Nonce"], ""), empty["Wechatpay-Signature"], channel.publicKey)).toBe(true);
  });

  it("seals resources the SDK's AesGcm.decrypt opens with the APIv3 key", () => {
    const resource = encryptResource(keys.apiV3Key, "transaction", '{"trade_state":"SUCCESS","payer":{"openid":"中文"}}');
    expect(resource).toMatchObject({ original_type: "transaction", algorithm: "AEAD_AES_256_GCM", associated_data: "transaction" });
    expect(resource.nonce).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(Aes.AesGcm.decrypt(resource.ciphertext, keys.apiV3Key, resource.nonce, resource.associated_data)).toBe(
      '{"trade_state":"SUCCESS","payer":{"openid":"中文"}}',
    );
    expect(() => Aes.AesGcm.decrypt(resource.ciphertext, keys.apiV3Key, resource.nonce, "refund")).toThrow();
  });

  it("reads the SDK's Authorization header", () => {
    const header = Formatter.authorization("1900000109", "NONCE", "c2lnbmF0dXJl", 1777608000, "5157F09E");
    expect(parseAuthorization(header)).toEqual({
      mchid: "1900000109",
      nonce: "NONCE",
      timestamp: "1777608000",
      serialNo: "5157F09E",
      signature: "c2lnbmF0dXJl",
    });
    expect(parseAuthorization(header.replace("WECHATPAY2-SHA256-RSA2048", "Bearer"))).toBeNull();
    expect(parseAuthorization(header.replace(/,signature="[^"]*"/, ""))).toBeNull();
    expect(parseAuthorization(null)).toBeNull();
  });
});
