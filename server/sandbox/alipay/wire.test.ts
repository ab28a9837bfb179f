import { AlipaySdk } from "alipay-sdk";
import { createVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rsaKeyPair } from "@/server/channels/alipay/fixtures/keys";
import { chinaTime, parseChinaTime, signedAnswerText, signingContent, unsignedAnswerText } from "./wire";

const channel = rsaKeyPair();
const app = rsaKeyPair();
const sdk = new AlipaySdk({ appId: "2021000000000001", privateKey: app.privateKey, keyType: "PKCS8", alipayPublicKey: channel.publicKey });

describe("sandbox answer signing", () => {
  const answer = { code: "10000", msg: "Success", out_trade_no: "O1", qr_code: "http://127.0.0.1:3000/sandbox/alipay/pay/1" };
  const text = signedAnswerText("alipay_trade_precreate_response", answer, channel.privateKey);

  it("wraps the answer under its method key with a signature over the inner object's exact text", () => {
    const parsed = JSON.parse(text) as { alipay_trade_precreate_response: unknown; sign: string };
    expect(Object.keys(parsed)).toEqual(["alipay_trade_precreate_response", "sign"]);
    expect(parsed.alipay_trade_precreate_response).toEqual(answer);
    const inner = JSON.stringify(answer);
    expect(text).toBe(`{"alipay_trade_precreate_response":${inner},"sign":"${parsed.sign}"}`);
    expect(createVerify("RSA-SHA256").update(inner).verify(channel.publicKey, parsed.sign, "base64")).toBe(true);
  });

  it("is what the SDK's response check accepts, and only with the channel's key", () => {
    const { sign } = JSON.parse(text) as { sign: string };
    expect(() => sdk.checkResponseSign(text, "alipay_trade_precreate_response", sign, "")).not.toThrow();
    const forged = signedAnswerText("alipay_trade_precreate_response", answer, app.privateKey);
    expect(() => sdk.checkResponseSign(forged, "alipay_trade_precreate_response", JSON.parse(forged).sign, "")).toThrow(/验签失败/);
  });

  it("leaves gateway errors about an unknown caller unsigned", () => {
    expect(unsignedAnswerText("error_response", { code: "40001", msg: "Missing Required Arguments" })).toBe(
      '{"error_response":{"code":"40001","msg":"Missing Required Arguments"}}',
    );
  });
});

describe("sandbox signing content", () => {
  it("drops the excluded and the empty parameters, sorts the keys and keeps raw values", () => {
    const params = { sign: "s", sign_type: "RSA2", b: "2 & 3", a: "1", empty: "", c: "中文%20" };
    expect(signingContent(params, ["sign"])).toBe("a=1&b=2 & 3&c=中文%20&sign_type=RSA2");
    expect(signingContent(params, ["sign", "sign_type"])).toBe("a=1&b=2 & 3&c=中文%20");
  });
});

describe("sandbox times", () => {
  it("are China time (GMT+8)", () => {
    expect(chinaTime(new Date("2026-11-22T16:30:05Z"))).toBe("2026-11-23 00:30:05");
    expect(parseChinaTime("2026-11-23 00:30:05")?.toISOString()).toBe("2026-11-22T16:30:05.000Z");
    expect(parseChinaTime("2026-11-23T00:30:05")).toBeNull();
  });
});
