import { createVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testAccount } from "./fixtures/credentials";
import { appPayParams, h5UrlReturningTo, jsapiPayParams } from "./pay-params";

const { credentials, merchantPublicKeyPem } = testAccount();
const freshness = { now: new Date("2026-05-01T04:00:00.900Z"), nonce: "5K8264ILTKCH16CQ2502SI8ZNMTM67VS" };
const prepayId = "wx201410272009395522657a690389285100";

const verifies = (message: string, signature: string) =>
  createVerify("RSA-SHA256").update(message).verify(merchantPublicKeyPem, signature, "base64");

describe("wechatpay client-side pay parameters", () => {
  it("signs JSAPI parameters over appId, timeStamp, nonceStr and package, each line ended by \\n", () => {
    const params = jsapiPayParams(credentials, prepayId, freshness);
    expect(params).toEqual({
      appId: "wx0123456789abcdef",
      timeStamp: "1777608000",
      nonceStr: freshness.nonce,
      package: `prepay_id=${prepayId}`,
      signType: "RSA",
      paySign: expect.any(String),
    });
    expect(verifies(`wx0123456789abcdef\n1777608000\n${freshness.nonce}\nprepay_id=${prepayId}\n`, params.paySign)).toBe(true);
    expect(verifies(`wx0123456789abcdef\n1777608000\n${freshness.nonce}\nprepay_id=${prepayId}`, params.paySign)).toBe(false);
  });

  it("signs App parameters over appid, timestamp, noncestr and prepayid", () => {
    const params = appPayParams(credentials, prepayId, freshness);
    expect(params).toMatchObject({ appid: credentials.appid, partnerid: credentials.mchid, prepayid: prepayId, package: "Sign=WXPay" });
    expect(verifies(`wx0123456789abcdef\n1777608000\n${freshness.nonce}\n${prepayId}\n`, params.sign)).toBe(true);
  });

  it("uses a fresh nonce each time", () => {
    expect(jsapiPayParams(credentials, prepayId).nonceStr).not.toBe(jsapiPayParams(credentials, prepayId).nonceStr);
  });
});

describe("h5UrlReturningTo", () => {
  it("appends the return address URL-encoded, keeping the h5_url's own parameters", () => {
    const url = h5UrlReturningTo("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2", "https://pay.example/pay/P1?a=b&c=d");
    expect(url).toBe("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2&redirect_url=https%3A%2F%2Fpay.example%2Fpay%2FP1%3Fa%3Db%26c%3Dd");
  });
});
