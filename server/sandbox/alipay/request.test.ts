import { AlipaySdk } from "alipay-sdk";
import { describe, expect, it } from "vitest";
import { rsaKeyPair } from "@/server/channels/alipay/fixtures/keys";
import { checkRequest, readParams } from "./request";

const app = rsaKeyPair();
const sdk = new AlipaySdk({ appId: "2021000000000001", privateKey: app.privateKey, keyType: "PKCS8", gateway: "http://sandbox.test/gateway.do" });

/** The parameters of a request the SDK signs, as the gateway receives them. */
const signedBySdk = (params: Record<string, unknown>) =>
  Object.fromEntries(new URLSearchParams(sdk.sdkExecute("alipay.trade.query", params))) as Record<string, string>;

describe("sandbox request check", () => {
  const params = signedBySdk({ notifyUrl: "http://shop.test/notify?a=1&b=2", bizContent: { out_trade_no: "O 1", subject: "中文 100%" } });

  it("accepts what the SDK signs with the app's key", () => {
    expect(checkRequest(params, app.publicKey)).toBeNull();
  });

  it("refuses a changed parameter, another key, a missing signature", () => {
    expect(checkRequest({ ...params, biz_content: '{"out_trade_no":"O 2"}' }, app.publicKey)).toMatchObject({ code: "40002", sub_code: "isv.invalid-signature" });
    expect(checkRequest(params, rsaKeyPair().publicKey)).toMatchObject({ code: "40002", sub_code: "isv.invalid-signature" });
    const { sign: _sign, ...unsigned } = params;
    expect(checkRequest(unsigned, app.publicKey)).toMatchObject({ code: "40001", sub_code: "isv.missing-signature" });
    expect(checkRequest({ ...params, sign_type: "RSA" }, app.publicKey)).toMatchObject({ sub_code: "isv.invalid-signature-type" });
  });

  it("drops empty parameters before verifying, as Alipay does (so an SDK-signed empty parameter fails)", () => {
    expect(checkRequest({ ...params, app_auth_token: "" }, app.publicKey)).toBeNull();
    expect(checkRequest(signedBySdk({ returnUrl: "", bizContent: { out_trade_no: "O1" } }), app.publicKey)).toMatchObject({ sub_code: "isv.invalid-signature" });
  });
});

describe("sandbox request parameters", () => {
  it("merge the query string and the form body", async () => {
    const request = new Request("http://sandbox.test/gateway.do?method=alipay.trade.query&app_id=1", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "biz_content=%7B%22a%22%3A%22b+c%22%7D",
    });
    expect(await readParams(request)).toEqual({ method: "alipay.trade.query", app_id: "1", biz_content: '{"a":"b c"}' });
  });
});
