import { AlipaySdk } from "alipay-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rsaKeyPair } from "@/server/channels/alipay/fixtures/keys";
import { sandboxTradeOf, seededAlipayAccount } from "@/server/channels/alipay/fixtures/sandbox-account";
import { startHttpHarness, type Harness } from "@/server/testing/http-harness";
import { settleTrade } from "../trades";
import { alipaySandbox } from "./channel";

// The sandbox driven by the official alipay-sdk, not by our plugin: where the SDK accepts the
// sandbox's signed answers and the sandbox accepts the SDK's signed requests, the sandbox is faithful.

let harness: Harness;
let account: Awaited<ReturnType<typeof seededAlipayAccount>>;
let sdk: AlipaySdk;
const validateSign = { validateSign: true };

function sdkFor(privateKey: string, alipayPublicKey: string) {
  return new AlipaySdk({ appId: account.ctx.credentials.appId, privateKey, keyType: "PKCS8", alipayPublicKey, gateway: account.ctx.baseUrl, camelcase: false });
}

beforeAll(async () => {
  harness = await startHttpHarness();
  account = await seededAlipayAccount();
  sdk = sdkFor(account.ctx.credentials.privateKeyPem, account.ctx.credentials.alipayPublicKeyPem);
});
afterAll(() => harness.close());

describe("the sandbox as alipay-sdk sees it", () => {
  it("precreate, query before and after the scan, refund, refund query", async () => {
    const outTradeNo = `SDK${Date.now()}`;
    const created = await sdk.exec(
      "alipay.trade.precreate",
      { notifyUrl: "http://127.0.0.1:1/notify", bizContent: { out_trade_no: outTradeNo, total_amount: "88.88", subject: "SDK 测试" } },
      validateSign,
    );
    expect(created).toMatchObject({ code: "10000", msg: "Success", out_trade_no: outTradeNo });
    const trade = await sandboxTradeOf(account.sandboxMerchant.id, outTradeNo);
    expect(created.qr_code).toBe(`${harness.url}/sandbox/alipay/pay/${trade.channelTradeNo}`);
    expect(trade.amount).toBe(8_888n);

    const unscanned = await sdk.exec("alipay.trade.query", { bizContent: { out_trade_no: outTradeNo } }, validateSign);
    expect(unscanned).toMatchObject({ code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST" });

    await settleTrade(trade.id, "success");
    const paid = await sdk.exec("alipay.trade.query", { bizContent: { out_trade_no: outTradeNo } }, validateSign);
    expect(paid).toMatchObject({ code: "10000", trade_no: trade.channelTradeNo, trade_status: "TRADE_SUCCESS", total_amount: "88.88" });
    expect(paid.send_pay_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // the buyer and the amounts, as Alipay answers; no seller (a query is about the caller's own trade); funds when asked
    expect(paid).toMatchObject({ buyer_logon_id: "san***@sandbox.com", buyer_pay_amount: "88.88", invoice_amount: "88.88", receipt_amount: "88.88", point_amount: "0.00" });
    expect(paid).not.toHaveProperty("seller_id");
    expect(paid).not.toHaveProperty("fund_bill_list");
    const withFunds = await sdk.exec("alipay.trade.query", { bizContent: { out_trade_no: outTradeNo, query_options: ["fund_bill_list"] } }, validateSign);
    expect(withFunds.fund_bill_list).toEqual([{ fund_channel: "ALIPAYACCOUNT", amount: "88.88" }]);
    const byTradeNo = await sdk.exec("alipay.trade.query", { bizContent: { trade_no: trade.channelTradeNo } }, validateSign);
    expect(byTradeNo).toMatchObject({ code: "10000", out_trade_no: outTradeNo });

    const refund = { out_trade_no: outTradeNo, refund_amount: "8.88", out_request_no: "RQ1" };
    expect(await sdk.exec("alipay.trade.refund", { bizContent: refund }, validateSign)).toMatchObject({ code: "10000", fund_change: "Y", refund_fee: "8.88" });
    expect(await sdk.exec("alipay.trade.refund", { bizContent: refund }, validateSign)).toMatchObject({ code: "10000", fund_change: "N", refund_fee: "8.88" });
    const tooMuch = await sdk.exec("alipay.trade.refund", { bizContent: { ...refund, refund_amount: "80.01", out_request_no: "RQ2" } }, validateSign);
    expect(tooMuch).toMatchObject({ code: "40004", sub_code: "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL" });

    const refundQuery = await sdk.exec(
      "alipay.trade.fastpay.refund.query",
      { bizContent: { out_trade_no: outTradeNo, out_request_no: "RQ1", query_options: ["gmt_refund_pay"] } },
      validateSign,
    );
    expect(refundQuery).toMatchObject({ code: "10000", out_request_no: "RQ1", refund_amount: "8.88", total_amount: "88.88", refund_status: "REFUND_SUCCESS" });
    expect(refundQuery.gmt_refund_pay).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    // a full refund closes the trade, as Alipay reports it
    await sdk.exec("alipay.trade.refund", { bizContent: { ...refund, refund_amount: "80.00", out_request_no: "RQ3" } }, validateSign);
    expect(await sdk.exec("alipay.trade.query", { bizContent: { out_trade_no: outTradeNo } }, validateSign)).toMatchObject({ trade_status: "TRADE_CLOSED" });
  });

  it("close: a paid trade refuses, a page trade closes", async () => {
    const outTradeNo = `SDKC${Date.now()}`;
    const url = sdk.pageExecute("alipay.trade.page.pay", "GET", {
      bizContent: { out_trade_no: outTradeNo, total_amount: "1.00", subject: "关闭", product_code: "FAST_INSTANT_TRADE_PAY" },
    });
    expect((await fetch(url, { redirect: "manual" })).status).toBe(302);
    const closed = await sdk.exec("alipay.trade.close", { bizContent: { out_trade_no: outTradeNo } }, validateSign);
    expect(closed).toMatchObject({ code: "10000", out_trade_no: outTradeNo });
    expect(await sdk.exec("alipay.trade.query", { bizContent: { out_trade_no: outTradeNo } }, validateSign)).toMatchObject({ trade_status: "TRADE_CLOSED" });
    expect(await sdk.exec("alipay.trade.close", { bizContent: { out_trade_no: "nobody" } }, validateSign)).toMatchObject({ sub_code: "ACQ.TRADE_NOT_EXIST" });
  });

  it("refuses a request signed with another key, and the SDK refuses an answer it cannot verify", async () => {
    const stranger = sdkFor(rsaKeyPair().privateKey, account.ctx.credentials.alipayPublicKeyPem);
    const refused = await stranger.exec("alipay.trade.query", { bizContent: { out_trade_no: "x" } }, validateSign);
    expect(refused).toMatchObject({ code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-signature" });

    const gullible = sdkFor(account.ctx.credentials.privateKeyPem, rsaKeyPair().publicKey);
    await expect(gullible.exec("alipay.trade.query", { bizContent: { out_trade_no: "x" } }, validateSign)).rejects.toThrow(/验签失败/);
  });

  it("answers an unknown app_id with isv.invalid-app-id", async () => {
    const unknown = new AlipaySdk({ appId: "2021999999999999", privateKey: account.ctx.credentials.privateKeyPem, keyType: "PKCS8", gateway: account.ctx.baseUrl, camelcase: false });
    expect(await unknown.exec("alipay.trade.query", { bizContent: { out_trade_no: "x" } })).toMatchObject({ code: "40002", sub_code: "isv.invalid-app-id" });
  });

  it("signs its notifications so that checkNotifySign and checkNotifySignV2 accept them", async () => {
    const outTradeNo = `SDKN${Date.now()}`;
    await sdk.exec("alipay.trade.precreate", { notifyUrl: "http://127.0.0.1:1/notify", bizContent: { out_trade_no: outTradeNo, total_amount: "0.01", subject: "通知" } }, validateSign);
    const trade = await settleTrade((await sandboxTradeOf(account.sandboxMerchant.id, outTradeNo)).id, "success");
    const notification = alipaySandbox.paymentNotification({ merchant: account.sandboxMerchant, keys: account.sandboxKeys, trade });
    const form = Object.fromEntries(new URLSearchParams(notification.body));
    expect(form).toMatchObject({ app_id: account.ctx.credentials.appId, out_trade_no: outTradeNo, trade_status: "TRADE_SUCCESS", total_amount: "0.01" });
    // the seller is the account's own (provisioning gave it the sandbox merchant's PID), with what Alipay sends beside it
    expect(account.ctx.credentials.sellerId).toMatch(/^2088\d{12}$/);
    expect(form).toMatchObject({
      seller_id: account.ctx.credentials.sellerId,
      seller_email: expect.stringMatching(/@sandbox\.com$/),
      auth_app_id: account.ctx.credentials.appId,
      buyer_id: "sandbox-payer",
      buyer_logon_id: "san***@sandbox.com",
      invoice_amount: "0.01",
      buyer_pay_amount: "0.01",
      fund_bill_list: '[{"amount":"0.01","fundChannel":"ALIPAYACCOUNT"}]',
    });
    expect(sdk.checkNotifySign(form)).toBe(true);
    expect(sdk.checkNotifySignV2(form)).toBe(true);
    expect(sdk.checkNotifySignV2({ ...form, total_amount: "100.00" })).toBe(false);
    expect(sdk.checkNotifySignV2({ ...form, seller_id: "2088000000000001" })).toBe(false);
  });
});
