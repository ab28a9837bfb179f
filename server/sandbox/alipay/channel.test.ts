import { AlipaySdk } from "alipay-sdk";
import { describe, expect, it } from "vitest";
import { alipayTestParties } from "@/server/channels/alipay/fixtures/keys";
import { verifyTradeNotification } from "@/server/channels/alipay/notify";
import type { SandboxMerchant, SandboxTrade } from "@/server/generated/prisma/client.ts";
import { alipaySandbox } from "./channel";

const { app, alipay, ctx } = alipayTestParties();
const keys = { merchantPublicKeyPem: app.publicKey, channelPrivateKeyPem: alipay.privateKey };
const merchant = { id: "m1", channel: "alipay", channelMchId: ctx.credentials.appId } as SandboxMerchant;
const trade = {
  id: "t1",
  channelAppId: ctx.credentials.appId,
  channelTradeNo: "20261122000000000000000001",
  outTradeNo: "P1-1",
  amount: 1999n,
  subject: "100% 纯棉",
  notifyUrl: "http://shop.test/notify",
  payerId: null,
  createdAt: new Date("2026-11-22T08:59:50Z"),
  paidAt: new Date("2026-11-22T09:00:02Z"),
} as SandboxTrade;

describe("sandbox alipay notification", () => {
  const notification = alipaySandbox.paymentNotification({ merchant, keys, trade });
  const form = Object.fromEntries(new URLSearchParams(notification.body));

  it("is a form POST to notify_url with Alipay's fields and no empty one", () => {
    expect(notification.url).toBe("http://shop.test/notify");
    expect(notification.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(form).toMatchObject({
      notify_type: "trade_status_sync",
      app_id: ctx.credentials.appId,
      trade_no: trade.channelTradeNo,
      out_trade_no: "P1-1",
      trade_status: "TRADE_SUCCESS",
      total_amount: "19.99",
      receipt_amount: "19.99",
      subject: "100% 纯棉",
      gmt_payment: "2026-11-22 17:00:02",
      sign_type: "RSA2",
      // who was paid and how, as Alipay names them (merchants check app_id, the amount and seller_id)
      auth_app_id: ctx.credentials.appId,
      seller_id: "2088000000000001",
      seller_email: "seller000001@sandbox.com",
      invoice_amount: "19.99",
      buyer_pay_amount: "19.99",
      point_amount: "0.00",
      fund_bill_list: '[{"amount":"19.99","fundChannel":"ALIPAYACCOUNT"}]',
    });
    // no payer recorded: neither buyer_id nor buyer_logon_id (never an empty field)
    expect(form).not.toHaveProperty("buyer_id");
    expect(form).not.toHaveProperty("buyer_logon_id");
    const paidBy = Object.fromEntries(new URLSearchParams(alipaySandbox.paymentNotification({ merchant, keys, trade: { ...trade, payerId: "2088102122524333" } }).body));
    expect(paidBy).toMatchObject({ buyer_id: "2088102122524333", buyer_logon_id: "208***@sandbox.com" });
    expect(Object.values(form).every((value) => value !== "")).toBe(true);
  });

  it("is verified by the SDK's checkers and by the plugin", () => {
    const sdk = new AlipaySdk({ appId: ctx.credentials.appId, privateKey: app.privateKey, keyType: "PKCS8", alipayPublicKey: alipay.publicKey });
    expect(sdk.checkNotifySignV2(form)).toBe(true);
    // V1 URI-decodes the received values once more: fine without a `%`, a URIError with one
    const plain = alipaySandbox.paymentNotification({ merchant, keys, trade: { ...trade, subject: "纯棉" } });
    expect(sdk.checkNotifySign(Object.fromEntries(new URLSearchParams(plain.body)))).toBe(true);
    expect(() => sdk.checkNotifySign(form)).toThrow(URIError);
    expect(verifyTradeNotification(ctx, { headers: notification.headers, body: notification.body })).toMatchObject({ outTradeNo: "P1-1", amount: 1999n });
    // and by the plugin of an account that knows its seller id, which refuses another seller's
    const withSeller = (sellerId: string) => ({ ...ctx, credentials: { ...ctx.credentials, sellerId } });
    expect(verifyTradeNotification(withSeller("2088000000000001"), notification)).toMatchObject({ channelMchId: "2088000000000001" });
    expect(() => verifyTradeNotification(withSeller("2088000000000002"), notification)).toThrow(/seller_id/);
  });

  it("keeps its notify_id across attempts", () => {
    expect(new URLSearchParams(alipaySandbox.paymentNotification({ merchant, keys, trade }).body).get("notify_id")).toBe(form.notify_id);
  });
});

describe("sandbox alipay acknowledgements", () => {
  it("count only the body `success`; refunds are not notified", () => {
    expect(alipaySandbox.isAcknowledged(200, "success\n")).toBe(true);
    expect(alipaySandbox.isAcknowledged(200, "fail")).toBe(false);
    expect(alipaySandbox.isAcknowledged(200, "SUCCESS")).toBe(false);
    expect(alipaySandbox.refundNotification({ merchant, keys, trade, refund: {} as never })).toBeNull();
  });
});
