import { createVerify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { settleRefund, settleTrade } from "@/server/sandbox/trades";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, ChannelUnsupportedError } from "../errors";
import type { ChannelContext, PayMode, PayRequest } from "../types";
import type { WechatpayCredentials } from "./credentials";
import { seededWechatpayAccount, setSandboxFaults, uniqueNo } from "./fixtures/seeded-account";
import { wechatpayPlugin as plugin } from "./index";

/** Our plugin against the simulated WeChat Pay over real HTTP, as a TEST app's account uses it. */

let harness: Harness;
let ctx: ChannelContext<WechatpayCredentials>;
let sandboxMerchantId: string;
let merchantPublicKeyPem: string;

beforeAll(async () => {
  harness = await startHttpHarness();
  const seeded = await seededWechatpayAccount();
  ctx = seeded.ctx;
  sandboxMerchantId = seeded.merchant.id;
  merchantPublicKeyPem = seeded.keys.merchantPublicKeyPem;
});
afterAll(() => harness.close());

function order(mode: PayMode, extra: Partial<PayRequest> = {}): PayRequest {
  return {
    outTradeNo: uniqueNo("P"),
    amount: 12_800n,
    currency: "CNY",
    subject: "演示商城 · 测试订单",
    expiresAt: new Date(Date.now() + 15 * 60_000),
    mode,
    ...extra,
  };
}

const tradeOf = (outTradeNo: string) => db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId, outTradeNo } });

async function paidTrade(amount = 12_800n) {
  const request = order("native", { amount });
  await plugin.pay(ctx, request);
  const trade = await settleTrade((await tradeOf(request.outTradeNo)).id, "success");
  return { request, trade };
}

describe("wechatpay plugin against the sandbox", () => {
  it("native: a QR code URL that opens the sandbox payer page; the trade is pending with our account's ids", async () => {
    const request = order("native");
    const result = await plugin.pay(ctx, request);
    const trade = await tradeOf(request.outTradeNo);
    expect(result.payData).toEqual({ type: "qr_code", codeUrl: `${harness.url}/sandbox/wechatpay/pay/${trade.channelTradeNo}` });
    expect(trade).toMatchObject({ amount: 12_800n, channelAppId: ctx.credentials.appid, tradeType: "native", notifyUrl: ctx.notifyUrl });
    expect(Math.abs(trade.expiresAt.getTime() - request.expiresAt.getTime())).toBeLessThan(1_000);
    expect(await plugin.query(ctx, request.outTradeNo)).toEqual({
      state: "PENDING",
      outTradeNo: request.outTradeNo,
      channelTradeNo: undefined,
      amount: 12_800n,
      currency: "CNY",
      paidAt: undefined,
      channelAppId: ctx.credentials.appid,
      channelMchId: ctx.credentials.mchid,
      failureReason: undefined,
    });
    // the same out_trade_no and amount again: the same trade, as WeChat Pay answers a repeated create
    expect(await plugin.pay(ctx, request)).toEqual(result);
  });

  it("jsapi: a prepay_id and parameters signed with the merchant key", async () => {
    const { payData } = await plugin.pay(ctx, order("jsapi", { payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" } }));
    if (payData?.type !== "jsapi") throw new Error(`expected jsapi params, got ${JSON.stringify(payData)}`);
    const { appId, timeStamp, nonceStr, package: pkg, signType, paySign } = payData.params;
    expect([appId, signType]).toEqual([ctx.credentials.appid, "RSA"]);
    expect(pkg).toMatch(/^prepay_id=wx[0-9a-f]{32}$/);
    const signed = createVerify("RSA-SHA256").update(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`);
    expect(signed.verify(merchantPublicKeyPem, paySign, "base64")).toBe(true);
  });

  it("h5: a redirect to the payer page; app: OpenSDK parameters", async () => {
    const h5 = await plugin.pay(ctx, order("h5", { payer: { clientIp: "203.0.113.7" } }));
    expect(h5.payData).toEqual({ type: "redirect", url: expect.stringMatching(new RegExp(`^${harness.url}/sandbox/wechatpay/pay/42\\d+\\?prepay_id=wx`)) });
    const app = await plugin.pay(ctx, order("app"));
    expect(app.payData).toMatchObject({ type: "app", params: { appid: ctx.credentials.appid, partnerid: ctx.credentials.mchid, package: "Sign=WXPay" } });
    await expect(plugin.pay(ctx, order("pc"))).rejects.toBeInstanceOf(ChannelUnsupportedError);
  });

  it("a paid trade queries as SUCCEEDED with amount, time, appid and mchid", async () => {
    const { request, trade } = await paidTrade(1n);
    expect(await plugin.query(ctx, request.outTradeNo)).toEqual({
      state: "SUCCEEDED",
      outTradeNo: request.outTradeNo,
      channelTradeNo: trade.channelTradeNo,
      amount: 1n,
      currency: "CNY",
      paidAt: new Date(Math.floor((trade.paidAt as Date).getTime() / 1000) * 1000),
      channelAppId: ctx.credentials.appid,
      channelMchId: ctx.credentials.mchid,
      failureReason: undefined,
    });
  });

  it("closes a pending trade; an unknown one counts as closed; a paid one is refused with ORDERPAID", async () => {
    const request = order("native");
    await plugin.pay(ctx, request);
    await plugin.close(ctx, request.outTradeNo);
    expect(await plugin.query(ctx, request.outTradeNo)).toMatchObject({ state: "CLOSED", failureReason: "closed by merchant" });
    await plugin.close(ctx, request.outTradeNo);
    await expect(plugin.close(ctx, uniqueNo("NOPE"))).resolves.toBeUndefined();
    expect(await plugin.query(ctx, "NEVER-CREATED-1")).toEqual({ state: "NOT_FOUND", outTradeNo: "NEVER-CREATED-1" });
    const { request: paid } = await paidTrade();
    await expect(plugin.close(ctx, paid.outTradeNo)).rejects.toMatchObject({ name: "ChannelRejectedError", code: "ORDERPAID" });
  });

  it("refunds part of a paid trade, idempotently, and queries the refund until it succeeds", async () => {
    const { request, trade } = await paidTrade();
    const refundRequest = { outTradeNo: request.outTradeNo, outRefundNo: uniqueNo("R"), refundAmount: 800n, totalAmount: 12_800n, currency: "CNY" as const, reason: "退一件" };
    const refund = await plugin.refund(ctx, refundRequest);
    expect(refund).toMatchObject({ state: "PROCESSING", outRefundNo: refundRequest.outRefundNo, refundAmount: 800n, channelRefundNo: expect.stringMatching(/^50\d+/) });
    expect(await plugin.refund(ctx, refundRequest)).toEqual(refund);
    expect(await plugin.queryRefund(ctx, refundRequest.outRefundNo, request.outTradeNo)).toEqual(refund);

    const stored = await db.sandboxRefund.findFirstOrThrow({ where: { tradeId: trade.id, outRefundNo: refundRequest.outRefundNo } });
    expect(stored.notifyUrl).toBe(ctx.refundNotifyUrl);
    await settleRefund(stored.id, "success");
    expect(await plugin.queryRefund(ctx, refundRequest.outRefundNo, request.outTradeNo)).toMatchObject({
      state: "SUCCEEDED",
      refundAmount: 800n,
      succeededAt: expect.any(Date),
    });
    // a trade with a refund is REFUND at WeChat Pay: still a successful payment
    expect(await plugin.query(ctx, request.outTradeNo)).toMatchObject({ state: "SUCCEEDED", amount: 12_800n });

    const tooMuch = { ...refundRequest, outRefundNo: uniqueNo("R"), refundAmount: 12_001n };
    await expect(plugin.refund(ctx, tooMuch)).rejects.toMatchObject({ name: "ChannelRejectedError", code: "INVALID_REQUEST" });
    expect(await plugin.queryRefund(ctx, "NO-SUCH-REFUND", request.outTradeNo)).toEqual({ state: "NOT_FOUND", outRefundNo: "NO-SUCH-REFUND" });
  });

  it("downloads the day's trade bill: payments and refunds in fen, with the 0.60 % fee", async () => {
    const { request, trade } = await paidTrade(10_001n);
    const outRefundNo = uniqueNo("R");
    await plugin.refund(ctx, { outTradeNo: request.outTradeNo, outRefundNo, refundAmount: 5_000n, totalAmount: 10_001n, currency: "CNY" });
    const refund = await db.sandboxRefund.findFirstOrThrow({ where: { tradeId: trade.id } });
    await settleRefund(refund.id, "success");

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const bill = await plugin.downloadBill(ctx, today);
    const lines = [];
    for await (const row of bill!.rows) lines.push(row);
    const common = { outTradeNo: request.outTradeNo, channelTradeNo: trade.channelTradeNo, currency: "CNY", state: "SUCCEEDED", occurredAt: expect.any(Date) };
    expect(lines.filter((line) => line.outTradeNo === request.outTradeNo)).toEqual([
      { kind: "payment", ...common, channelState: "SUCCESS", amount: 10_001n, fee: 60n },
      { kind: "refund", ...common, channelState: "REFUND", outRefundNo, channelRefundNo: refund.channelRefundNo, amount: -5_000n, fee: -30n },
    ]);
    expect(await plugin.downloadBill(ctx, "2020-01-01")).toBeNull();
  });
});

describe("wechatpay plugin under sandbox faults", () => {
  afterAll(() => setSandboxFaults(sandboxMerchantId, {}));

  it("a 500 from the channel is ChannelUnavailableError, and nothing was created", async () => {
    await setSandboxFaults(sandboxMerchantId, { errorPerMille: 1000 });
    const request = order("native");
    const error = await plugin.pay(ctx, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelUnavailableError);
    expect(error).toMatchObject({ code: "SYSTEM_ERROR" });
    expect(await db.sandboxTrade.count({ where: { outTradeNo: request.outTradeNo } })).toBe(0);
  });

  it("a channel that does not answer in time is ChannelTimeoutError, within the call's budget", async () => {
    await setSandboxFaults(sandboxMerchantId, { timeoutPerMille: 1000 });
    const started = Date.now();
    await expect(plugin.pay({ ...ctx, timeoutMs: 300 }, order("native"))).rejects.toBeInstanceOf(ChannelTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a business refusal is ChannelRejectedError, not a transport failure", async () => {
    await setSandboxFaults(sandboxMerchantId, {});
    const wrongAccount = { ...ctx, credentials: { ...ctx.credentials, mchid: "1900000000" } };
    await expect(plugin.query(wrongAccount, "ANY-TRADE-1")).rejects.toMatchObject({ name: "ChannelRejectedError", code: "SIGN_ERROR" });
    await expect(plugin.pay(ctx, order("native", { amount: 2n ** 60n }))).rejects.toBeInstanceOf(ChannelRejectedError);
  });
});

describe("payer identity (official account OAuth2, snsapi_base) against the sandbox", () => {
  const identity = plugin.payerIdentity as NonNullable<typeof plugin.payerIdentity>;

  it("sends the browser to authorize, which comes straight back with a code; the code gives the openid once", async () => {
    const authorize = new URL(identity.authorizeUrl(ctx, "https://shop.example/back?x=1", "S1"));
    expect(authorize.hash).toBe("#wechat_redirect");
    expect(authorize.pathname).toBe("/api/sandbox/wechatpay/connect/oauth2/authorize");
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      appid: ctx.credentials.appid,
      redirect_uri: "https://shop.example/back?x=1",
      response_type: "code",
      scope: "snsapi_base",
      state: "S1",
    });
    const answer = await fetch(authorize, { redirect: "manual" });
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get("location") as string);
    expect(back.searchParams.get("x")).toBe("1");
    expect(back.searchParams.get("state")).toBe("S1");
    const code = back.searchParams.get("code") as string;
    const { openid } = await identity.exchange(ctx, code);
    expect(openid).toMatch(/^o[\w-]{27}$/);
    await expect(identity.exchange(ctx, code)).rejects.toMatchObject({ constructor: ChannelRejectedError, code: "40163" });
    await expect(identity.exchange({ ...ctx, credentials: { ...ctx.credentials, officialAccountSecret: "0".repeat(32) } }, "x")).rejects.toMatchObject({ code: "40125" });
  });

  it("cannot ask without the official account's AppSecret", () => {
    expect(() => identity.authorizeUrl({ ...ctx, credentials: { ...ctx.credentials, officialAccountSecret: undefined } }, "https://shop.example/", "S")).toThrow(ChannelRejectedError);
  });
});
