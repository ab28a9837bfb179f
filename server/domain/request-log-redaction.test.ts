import { describe, expect, it } from "vitest";
import { maskNumbersInText, REDACTED, redactBody, redactForLog } from "./request-log-redaction";

describe("request log redaction", () => {
  it("masks an order push's buyer, address and phone but keeps products, amounts and identifiers", () => {
    const order = {
      sourceOrderNo: "MALL-20261203-0001",
      buyer: { id: "U1001", name: "张三", phone: "13800138000" },
      lines: [{ sku: "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: 399900 }],
      shippingAddress: { receiver: "张三丰", phone: "+86 139 0013 9000", province: "广东省", city: "佛山市", detail: "顺德区乐从镇某某路 8 号 1203 室" },
      payableAmount: 379900,
    };
    expect(redactForLog(order)).toEqual({
      sourceOrderNo: "MALL-20261203-0001",
      buyer: { id: "U1001", name: "张*", phone: "138****8000" },
      lines: [{ sku: "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: 399900 }],
      shippingAddress: { receiver: "张**", phone: "139****9000", province: "广东省", city: "佛山市", detail: "顺********" },
      payableAmount: 379900,
    });
  });

  it("drops secrets and signatures, whole objects under a secret's key, and masks openids and auth codes", () => {
    const body = {
      payer: { openid: "o8GeHuLAsgefS_4Kr4lgYXQrUtdk", authCode: "134567890123456789", clientIp: "1.2.3.4" },
      payData: { type: "jsapi", params: { appId: "wx123", paySign: "c2lnbmF0dXJl", signType: "RSA" } },
      credentials: { apiKey: "k", privateKey: "p" },
      secret: "sk_test_abc",
    };
    expect(redactForLog(body)).toEqual({
      payer: { openid: "o8Ge…Utdk", authCode: REDACTED, clientIp: "1.2.3.4" },
      payData: { type: "jsapi", params: { appId: "wx123", paySign: REDACTED, signType: "RSA" } },
      credentials: REDACTED,
      secret: REDACTED,
    });
  });

  it("masks card and identity numbers by key, and inside free text by value", () => {
    expect(redactForLog({ cardNo: "6222021234567890123", idCardNo: "11010519491231002X" })).toEqual({
      cardNo: "************0123",
      idCardNo: "************002X",
    });
    // a Luhn-valid card number, a mobile number and an id number typed into a description
    expect(maskNumbersInText("卡 4111111111111111 电话13800138000 身份证 11010519491231002X 订单 12345")).toBe(
      "卡 ************1111 电话138****8000 身份证 ************002X 订单 12345",
    );
    expect(redactForLog({ metadata: { note: "call 13800138000" } })).toEqual({ metadata: { note: "call 138****8000" } });
  });

  it("keeps the business system's identifiers even when they look like numbers", () => {
    const body = { mchOrderNo: "4111111111111111", mchRefundNo: "13800138000", storeId: "11010519491231002X" };
    expect(redactForLog(body)).toEqual(body);
  });

  it("keeps raw text out: a body that is not JSON becomes a note, a huge one is truncated", () => {
    expect(redactBody("")).toBeNull();
    expect(redactBody("secret=abc&phone=13800138000")).toEqual({ _notJson: true, _length: 28 });
    expect(redactBody(JSON.stringify({ description: "x".repeat(900), lines: Array(40).fill({ name: "y".repeat(900) }) }))).toMatchObject({ _truncated: true });
    expect(redactBody('{"amount":100}')).toEqual({ amount: 100 });
  });

  it("caps long strings and deep nesting", () => {
    const long = redactForLog({ subject: "a".repeat(5000) }) as { subject: string };
    expect(long.subject.length).toBe(1001);
    let deep: unknown = "leaf";
    for (let i = 0; i < 50; i++) deep = { next: deep };
    expect(JSON.stringify(redactForLog(deep))).toContain('"…"');
  });
});
