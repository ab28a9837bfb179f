import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { settleTrade } from "@/server/sandbox/trades";
import { startHttpHarness, type Harness } from "@/server/testing/http-harness";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "../errors";
import type { PayMode, PayRequest } from "../types";
import { sandboxTradeOf, seededAlipayAccount, setSandboxFaults } from "./fixtures/sandbox-account";

// The plugin end to end against the simulated Alipay gateway, over real HTTP.

let harness: Harness;
let account: Awaited<ReturnType<typeof seededAlipayAccount>>;
let sequence = 0;

beforeAll(async () => {
  harness = await startHttpHarness();
  account = await seededAlipayAccount();
});
afterAll(() => harness.close());
afterEach(() => setSandboxFaults(account.sandboxMerchant.id, {}));

function payRequest(mode: PayMode, amount = 12_800n): PayRequest {
  sequence += 1;
  return {
    outTradeNo: `P${Date.now()}${sequence}-1`,
    amount,
    currency: "CNY",
    subject: "演示商品 100% 纯棉",
    expiresAt: new Date(Date.now() + 15 * 60_000),
    mode,
    returnUrl: "https://shop.example/return?order=1",
  };
}

describe("alipay plugin against the sandbox", () => {
  it("qr: precreate gives the payer page; unknown until scanned, then paid, refunded and queried", async () => {
    const { plugin, ctx, sandboxMerchant } = account;
    const request = payRequest("qr");
    const { payData } = await plugin.pay(ctx, request);
    const trade = await sandboxTradeOf(sandboxMerchant.id, request.outTradeNo);
    expect(payData).toEqual({ type: "qr_code", codeUrl: `${harness.url}/sandbox/alipay/pay/${trade.channelTradeNo}` });
    expect(trade).toMatchObject({ amount: 12_800n, tradeType: "precreate", notifyUrl: ctx.notifyUrl });
    expect(Math.abs(trade.expiresAt.getTime() - request.expiresAt.getTime())).toBeLessThan(1_000);

    expect(await plugin.query(ctx, request.outTradeNo)).toEqual({ state: "NOT_FOUND", outTradeNo: request.outTradeNo });

    await settleTrade(trade.id, "success");
    const paid = await plugin.query(ctx, request.outTradeNo);
    expect(paid).toMatchObject({ state: "SUCCEEDED", outTradeNo: request.outTradeNo, channelTradeNo: trade.channelTradeNo, amount: 12_800n, currency: "CNY" });
    expect(paid.paidAt).toBeInstanceOf(Date);

    const refundRequest = { outTradeNo: request.outTradeNo, outRefundNo: `R${request.outTradeNo}`, refundAmount: 1_999n, totalAmount: 12_800n, currency: "CNY" as const };
    const refunded = await plugin.refund(ctx, { ...refundRequest, reason: "尺码不合适" });
    expect(refunded).toMatchObject({ state: "SUCCEEDED", outRefundNo: refundRequest.outRefundNo, refundAmount: 1_999n });
    // the same request again moves no money (fund_change N) and reads the refund back
    expect(await plugin.refund(ctx, refundRequest)).toMatchObject({ state: "SUCCEEDED", refundAmount: 1_999n });
    const queried = await plugin.queryRefund(ctx, refundRequest.outRefundNo, request.outTradeNo);
    expect(queried).toMatchObject({ state: "SUCCEEDED", outRefundNo: refundRequest.outRefundNo, refundAmount: 1_999n });
    expect(queried.succeededAt).toBeInstanceOf(Date);

    expect(await plugin.queryRefund(ctx, "R-unknown", request.outTradeNo)).toEqual({ state: "NOT_FOUND", outRefundNo: "R-unknown" });
    await expect(plugin.refund(ctx, { ...refundRequest, outRefundNo: `${refundRequest.outRefundNo}-2`, refundAmount: 10_802n })).rejects.toMatchObject({
      constructor: ChannelRejectedError,
      code: "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
    });
    await expect(plugin.close(ctx, request.outTradeNo)).rejects.toBeInstanceOf(ChannelRejectedError);
  });

  it("jsapi: trade.create for the buyer gives the trade_no for tradePay; paid like any trade; no buyer is refused", async () => {
    const { plugin, ctx, sandboxMerchant } = account;
    const request = { ...payRequest("jsapi", 880n), payer: { openid: "2088000000000042" } };
    const { payData } = await plugin.pay(ctx, request);
    const trade = await sandboxTradeOf(sandboxMerchant.id, request.outTradeNo);
    expect(payData).toEqual({ type: "jsapi", params: { tradeNO: trade.channelTradeNo } });
    expect(trade).toMatchObject({ amount: 880n, tradeType: "create" });
    // created at once (not like an unscanned precreate): the query knows it
    expect(await plugin.query(ctx, request.outTradeNo)).toMatchObject({ state: "PENDING", channelTradeNo: trade.channelTradeNo });
    await settleTrade(trade.id, "success");
    expect(await plugin.query(ctx, request.outTradeNo)).toMatchObject({ state: "SUCCEEDED", amount: 880n });
    await expect(plugin.pay(ctx, payRequest("jsapi"))).rejects.toBeInstanceOf(ChannelRejectedError);
  });

  it("payer identity: auth_base on the sandbox, then alipay.system.oauth.token once", async () => {
    const { plugin, ctx } = account;
    const identity = plugin.payerIdentity;
    if (!identity) throw new Error("Alipay has payer identity");
    const authorize = new URL(identity.authorizeUrl(ctx, "https://shop.example/back", "S1"));
    expect(authorize.pathname).toBe("/api/sandbox/alipay/oauth2/publicAppAuthorize.htm");
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ app_id: ctx.credentials.appId, scope: "auth_base", state: "S1" });
    const answer = await fetch(authorize, { redirect: "manual" });
    const back = new URL(answer.headers.get("location") as string);
    expect(back.origin + back.pathname).toBe("https://shop.example/back");
    expect(back.searchParams.get("state")).toBe("S1");
    const code = back.searchParams.get("auth_code") as string;
    expect(await identity.exchange(ctx, code)).toEqual({ openid: expect.stringMatching(/^2088\d{12}$/) });
    await expect(identity.exchange(ctx, code)).rejects.toBeInstanceOf(ChannelRejectedError);
    await expect(identity.exchange(ctx, `${code}x`)).rejects.toBeInstanceOf(ChannelRejectedError);
  });

  it.each(["pc", "wap"] as const)("%s: the signed gateway URL sends the browser to the payer page", async (mode) => {
    const { plugin, ctx, sandboxMerchant } = account;
    const request = payRequest(mode, 1n);
    const { payData } = await plugin.pay(ctx, request);
    if (payData?.type !== "redirect") throw new Error(`expected a redirect, got ${JSON.stringify(payData)}`);
    expect(payData.url.startsWith(`${ctx.baseUrl}?`)).toBe(true);
    const signed = new URL(payData.url).searchParams;
    expect(signed.get("method")).toBe(mode === "pc" ? "alipay.trade.page.pay" : "alipay.trade.wap.pay");
    expect(signed.get("return_url")).toBe(request.returnUrl);
    expect(JSON.parse(signed.get("biz_content") as string)).toMatchObject({
      total_amount: "0.01",
      product_code: mode === "pc" ? "FAST_INSTANT_TRADE_PAY" : "QUICK_WAP_WAY",
    });

    const browser = await fetch(payData.url, { redirect: "manual" });
    expect(browser.status).toBe(302);
    const trade = await sandboxTradeOf(sandboxMerchant.id, request.outTradeNo);
    expect(browser.headers.get("location")).toBe(`${harness.url}/sandbox/alipay/pay/${trade.channelTradeNo}`);
    expect(trade).toMatchObject({ amount: 1n, tradeType: mode === "pc" ? "page" : "wap", returnUrl: request.returnUrl });

    expect(await plugin.query(ctx, request.outTradeNo)).toMatchObject({ state: "PENDING", amount: 1n });
    await plugin.close(ctx, request.outTradeNo);
    expect(await plugin.query(ctx, request.outTradeNo)).toMatchObject({ state: "CLOSED" });
  });

  it("a tampered page URL is refused by the gateway", async () => {
    const { plugin, ctx } = account;
    const { payData } = await plugin.pay(ctx, payRequest("pc"));
    const url = (payData as { url: string }).url.replace(/total_amount%22%3A%22\d+\.\d\d/, "total_amount%22%3A%220.01");
    const browser = await fetch(url, { redirect: "manual" });
    expect(browser.status).toBe(400);
    expect(await browser.text()).toContain("isv.invalid-signature");
  });

  it("close: an unscanned precreated trade is unknown to Alipay (resolves) and can no longer be paid", async () => {
    const { plugin, ctx, sandboxMerchant } = account;
    const request = payRequest("qr");
    await plugin.pay(ctx, request);
    await plugin.close(ctx, request.outTradeNo);
    expect((await sandboxTradeOf(sandboxMerchant.id, request.outTradeNo)).state).toBe("CLOSED");
    await plugin.close(ctx, "never-created");
    expect(await plugin.query(ctx, "never-created")).toEqual({ state: "NOT_FOUND", outTradeNo: "never-created" });
  });

  it("the same out_trade_no for another amount is refused", async () => {
    const { plugin, ctx } = account;
    const request = payRequest("qr");
    await plugin.pay(ctx, request);
    await expect(plugin.pay(ctx, { ...request, amount: 1n })).rejects.toMatchObject({ constructor: ChannelRejectedError, code: "ACQ.CONTEXT_INCONSISTENT" });
  });
});

describe("alipay plugin failures", () => {
  it("a gateway answering 500 is unavailable", async () => {
    await setSandboxFaults(account.sandboxMerchant.id, { errorPerMille: 1000 });
    await expect(account.plugin.pay(account.ctx, payRequest("qr"))).rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it("a gateway that does not answer in time is a timeout", async () => {
    await setSandboxFaults(account.sandboxMerchant.id, { timeoutPerMille: 1000 });
    const started = Date.now();
    await expect(account.plugin.query({ ...account.ctx, timeoutMs: 300 }, "any")).rejects.toBeInstanceOf(ChannelTimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a refused connection is unavailable", async () => {
    const ctx = { ...account.ctx, baseUrl: "http://127.0.0.1:1/gateway.do" };
    await expect(account.plugin.query(ctx, "any")).rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it("an answer signed with another key is not trusted: the outcome is unknown", async () => {
    const ctx = { ...account.ctx, credentials: { ...account.ctx.credentials, alipayPublicKeyPem: account.sandboxKeys.merchantPublicKeyPem } };
    await expect(account.plugin.query(ctx, "any")).rejects.toMatchObject({ constructor: ChannelTimeoutError, code: "OUTCOME_UNKNOWN" });
  });
});
