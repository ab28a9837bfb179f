import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { ClientDevice } from "@/server/domain/user-agent";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { signingContent, verifyRsa2 } from "@/server/sandbox/alipay/wire";
import { channelForAccount } from "@/server/services/payments/channel-for-account";
import { getPayerTrade } from "@/server/services/sandbox/get-payer-trade";
import { settlePayerTrade } from "@/server/services/sandbox/settle-payer-trade";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, openApiClient } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { attemptQrCode } from "./attempt-qr-code";
import { checkCashierPayment } from "./check-cashier-payment";
import { getCashierOrder } from "./get-cashier-order";
import { listCashierChannels } from "./list-cashier-channels";
import { CASHIER_REPEAT_GUARD_MS, startCashierPayment } from "./start-cashier-payment";

const DESKTOP: ClientDevice = { kind: "desktop", app: null };
const PHONE: ClientDevice = { kind: "phone", app: null };
const IN_WECHAT: ClientDevice = { kind: "phone", app: "wechat" };

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let counter = 0;
async function newCashierOrder(over: Record<string, unknown> = {}): Promise<string> {
  const created = await api("/api/v1/pay-orders", {
    body: { mchOrderNo: `CASHIER${Date.now()}${counter++}`, amount: 12800, subject: "Sofa deposit", returnUrl: "https://mall.example/orders/1", ...over },
  });
  expect(created.status).toBe(201);
  return created.json.payOrderNo;
}

const pay = (payOrderNo: string, channel: string, device = DESKTOP, clientIp: string | null = "203.0.113.5") =>
  startCashierPayment({ payOrderNo, channel, device, clientIp });
const view = (payOrderNo: string, device = DESKTOP) => getCashierOrder({ payOrderNo, device });
const waitOutGuard = () => new Promise((resolve) => setTimeout(resolve, CASHIER_REPEAT_GUARD_MS + 100));
const tradeNoOf = (payerUrl: string) => new URL(payerUrl).pathname.split("/").at(-1) as string;

/** Where a channel's cashier redirect (Alipay page.pay / wap.pay) lands: the sandbox payer page. */
async function followRedirect(url: string): Promise<string> {
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  return response.headers.get("location") as string;
}

async function paidView(payOrderNo: string) {
  return eventually(async () => {
    const current = await view(payOrderNo);
    return current.phase === "paid" && current;
  });
}

describe("the cashier's channels", () => {
  it("are the app's enabled accounts by priority, one per channel, each with the mode for the device", async () => {
    expect(await listCashierChannels(DEMO_APP.id, "desktop")).toEqual([
      { channel: "wechatpay", mode: "native" },
      { channel: "alipay", mode: "pc" },
      { channel: "unionpay", mode: "pc" },
    ]);
    expect(await listCashierChannels(DEMO_APP.id, "phone")).toEqual([
      { channel: "wechatpay", mode: "h5" },
      { channel: "alipay", mode: "wap" },
      { channel: "unionpay", mode: "wap" },
    ]);
    const alipay = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "alipay" } });
    const wechat = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "wechatpay" } });
    try {
      await db.channelAccount.update({ where: { id: alipay.id }, data: { priority: 99, modes: ["qr", "wap"] } });
      expect(await listCashierChannels(DEMO_APP.id, "desktop")).toEqual([
        { channel: "alipay", mode: "qr" },
        { channel: "wechatpay", mode: "native" },
        { channel: "unionpay", mode: "pc" },
      ]);
      await db.channelAccount.update({ where: { id: wechat.id }, data: { status: "DISABLED" } });
      expect(await listCashierChannels(DEMO_APP.id, "desktop")).toEqual([{ channel: "alipay", mode: "qr" }, { channel: "unionpay", mode: "pc" }]);
    } finally {
      await db.channelAccount.update({ where: { id: alipay.id }, data: { priority: alipay.priority, modes: alipay.modes } });
      await db.channelAccount.update({ where: { id: wechat.id }, data: { status: "ENABLED" } });
    }
  });

  it("preselect the channel of the app the page runs in, then the one used last", async () => {
    const payOrderNo = await newCashierOrder();
    expect((await view(payOrderNo, DESKTOP)).preselected).toBe("wechatpay");
    expect((await view(payOrderNo, { kind: "phone", app: "alipay" })).preselected).toBe("alipay");
    await pay(payOrderNo, "alipay", PHONE);
    expect((await view(payOrderNo, IN_WECHAT)).preselected).toBe("alipay");
  });
});

describe("paying in the cashier", () => {
  it("WeChat Pay on a desktop: a QR code of the payer page; paying there turns the cashier to the receipt", async () => {
    const payOrderNo = await newCashierOrder();
    const started = await pay(payOrderNo, "wechatpay");
    expect(started.attempt).toMatchObject({ attemptNo: `${payOrderNo}-1`, channel: "wechatpay", mode: "native", state: "waiting" });
    const payData = started.attempt?.payData;
    expect(payData?.type === "qr_code" && payData.codeUrl).toMatch(`${env.harness.url}/sandbox/wechatpay/pay/`);
    if (payData?.type !== "qr_code") throw new Error("no QR code");
    expect(await attemptQrCode(payOrderNo, `${payOrderNo}-1`)).toMatch(/^<svg[^>]*viewBox/);
    expect(await attemptQrCode(payOrderNo, `${payOrderNo}-2`)).toBeNull();

    const payer = await getPayerTrade("wechatpay", tradeNoOf(payData.codeUrl));
    expect(payer).toMatchObject({ amount: 12800n, subject: "Sofa deposit", state: "PENDING", payee: "演示商城 Demo Store" });
    expect(await getPayerTrade("alipay", tradeNoOf(payData.codeUrl))).toBeNull();
    const answered = await settlePayerTrade({ channel: "wechatpay", channelTradeNo: tradeNoOf(payData.codeUrl), outcome: "success" });
    expect(answered).toMatchObject({ trade: { state: "SUCCEEDED" }, returnTo: null });

    const paid = await paidView(payOrderNo);
    expect(paid).toMatchObject({ paidChannel: "wechatpay", attempt: null, channels: [], returnUrl: "https://mall.example/orders/1" });
    expect(paid.paidAt).toBeInstanceOf(Date);
    expect(await attemptQrCode(payOrderNo, `${payOrderNo}-1`)).toBeNull();
    await expect(pay(payOrderNo, "alipay")).rejects.toMatchObject({ code: "ORDER_ALREADY_PAID" });
  });

  it("switching channel starts a new attempt and closes the old one at its channel; Alipay returns to the cashier, signed", async () => {
    const payOrderNo = await newCashierOrder();
    const first = await pay(payOrderNo, "wechatpay");
    const qr = first.attempt?.payData;
    if (qr?.type !== "qr_code") throw new Error("no QR code");
    await waitOutGuard();

    const second = await pay(payOrderNo, "alipay");
    expect(second.attempt).toMatchObject({ attemptNo: `${payOrderNo}-2`, channel: "alipay", mode: "pc", state: "waiting" });
    await eventually(async () => (await db.payment.findUniqueOrThrow({ where: { attemptNo: `${payOrderNo}-1` } })).status === "CLOSED");
    expect((await getPayerTrade("wechatpay", tradeNoOf(qr.codeUrl)))?.state).toBe("CLOSED");

    const redirect = second.attempt?.payData;
    if (redirect?.type !== "redirect") throw new Error("no redirect");
    const payerPage = await followRedirect(redirect.url);
    expect(payerPage).toMatch(`${env.harness.url}/sandbox/alipay/pay/`);
    const answered = await settlePayerTrade({ channel: "alipay", channelTradeNo: tradeNoOf(payerPage), outcome: "success" });
    const returnTo = new URL(answered?.returnTo as string);
    expect(`${returnTo.origin}${returnTo.pathname}`).toBe(`${env.harness.url}/pay/${payOrderNo}`);
    const params = Object.fromEntries(returnTo.searchParams);
    expect(params).toMatchObject({ method: "alipay.trade.page.pay.return", out_trade_no: `${payOrderNo}-2`, total_amount: "128.00", sign_type: "RSA2" });
    const account = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "alipay" } });
    const { ctx } = await channelForAccount(account.id);
    const alipayPublicKey = (ctx.credentials as { alipayPublicKeyPem: string }).alipayPublicKeyPem;
    expect(verifyRsa2(signingContent(params, ["sign", "sign_type"]), params.sign, alipayPublicKey)).toBe(true);

    expect((await paidView(payOrderNo)).paidChannel).toBe("alipay");
    const attempts = await db.payment.findMany({ where: { payOrderNo }, orderBy: { seq: "asc" } });
    expect(attempts.map((a) => a.status)).toEqual(["CLOSED", "SUCCEEDED"]);
  });

  it("a double click, or many tabs at once, start one attempt; the same QR code is shown again later", async () => {
    const payOrderNo = await newCashierOrder();
    const clicks = await Promise.allSettled(Array.from({ length: 6 }, () => pay(payOrderNo, "wechatpay")));
    const refused = clicks.filter((c) => c.status === "rejected");
    expect(clicks.length - refused.length).toBeGreaterThanOrEqual(1);
    for (const click of refused) expect((click as PromiseRejectedResult).reason).toMatchObject({ code: "REPEAT_TOO_SOON", retryAfter: 3 });
    expect(await db.payment.count({ where: { payOrderNo } })).toBe(1);

    await expect(pay(payOrderNo, "alipay")).rejects.toMatchObject({ code: "REPEAT_TOO_SOON" });
    await waitOutGuard();
    const again = await pay(payOrderNo, "wechatpay");
    expect(again.attempt?.attemptNo).toBe(`${payOrderNo}-1`);
    expect(await db.payment.count({ where: { payOrderNo } })).toBe(1);
  });

  it("a declined payment shows as failed once the consumer checks; the retry on the other channel, on a phone, pays", async () => {
    const payOrderNo = await newCashierOrder();
    const started = await pay(payOrderNo, "wechatpay");
    const qr = started.attempt?.payData;
    if (qr?.type !== "qr_code") throw new Error("no QR code");

    await Promise.all([1, 2, 3].map(() => checkCashierPayment({ payOrderNo, device: DESKTOP })));
    expect((await db.payment.findUniqueOrThrow({ where: { attemptNo: `${payOrderNo}-1` } })).syncCount).toBe(1);

    await settlePayerTrade({ channel: "wechatpay", channelTradeNo: tradeNoOf(qr.codeUrl), outcome: "fail" });
    expect((await view(payOrderNo)).attempt?.state).toBe("waiting"); // no callback for a decline: only a query tells
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const checked = await checkCashierPayment({ payOrderNo, device: DESKTOP });
    expect(checked).toMatchObject({ phase: "payable", attempt: { channel: "wechatpay", state: "failed", payData: null } });

    const retried = await pay(payOrderNo, "alipay", PHONE);
    expect(retried.attempt).toMatchObject({ channel: "alipay", mode: "wap", state: "waiting" });
    const redirect = retried.attempt?.payData;
    if (redirect?.type !== "redirect") throw new Error("no redirect");
    const payerPage = await followRedirect(redirect.url);
    const answered = await settlePayerTrade({ channel: "alipay", channelTradeNo: tradeNoOf(payerPage), outcome: "success" });
    expect(new URL(answered?.returnTo as string).searchParams.get("method")).toBe("alipay.trade.wap.pay.return");
    expect((await paidView(payOrderNo)).paidChannel).toBe("alipay");
  });

  it("WeChat Pay H5 on a phone returns to the cashier through redirect_url, whatever the payer did", async () => {
    const payOrderNo = await newCashierOrder();
    const started = await pay(payOrderNo, "wechatpay", PHONE, "203.0.113.9");
    expect(started.attempt).toMatchObject({ mode: "h5", state: "waiting" });
    const redirect = started.attempt?.payData;
    if (redirect?.type !== "redirect") throw new Error("no redirect");
    const h5 = new URL(redirect.url);
    expect(h5.pathname).toMatch(/^\/sandbox\/wechatpay\/pay\//);
    expect(h5.searchParams.get("redirect_url")).toBe(`${env.harness.url}/pay/${payOrderNo}`);
    const stored = await db.payment.findUniqueOrThrow({ where: { attemptNo: `${payOrderNo}-1` } });
    expect(stored.payer).toEqual({ clientIp: "203.0.113.9" });

    const answered = await settlePayerTrade({
      channel: "wechatpay",
      channelTradeNo: tradeNoOf(`${h5.origin}${h5.pathname}`),
      outcome: "close",
      redirectUrl: h5.searchParams.get("redirect_url") as string,
    });
    expect(answered).toMatchObject({ trade: { state: "CLOSED" }, returnTo: `${env.harness.url}/pay/${payOrderNo}` });
    const again = await settlePayerTrade({ channel: "wechatpay", channelTradeNo: tradeNoOf(`${h5.origin}${h5.pathname}`), outcome: "success", redirectUrl: "javascript:alert(1)" });
    expect(again).toMatchObject({ trade: { state: "CLOSED" }, returnTo: null });
  });
});

describe("orders the cashier cannot take payment for", () => {
  it("unknown: ORDER_NOT_FOUND, for reading, paying and checking alike", async () => {
    const unknown = "P00000000000000000NOPE0000";
    await expect(view(unknown)).rejects.toMatchObject({ code: "ORDER_NOT_FOUND" });
    await expect(pay(unknown, "wechatpay")).rejects.toMatchObject({ code: "ORDER_NOT_FOUND" });
    await expect(checkCashierPayment({ payOrderNo: unknown, device: DESKTOP })).rejects.toMatchObject({ code: "ORDER_NOT_FOUND" });
    expect(await getPayerTrade("wechatpay", "4200000000000000000")).toBeNull();
    expect(await settlePayerTrade({ channel: "alipay", channelTradeNo: "nope", outcome: "success" })).toBeNull();
  });

  it("expired (even before the expiry job ran) or closed: shown as such, never paid", async () => {
    const expiring = await newCashierOrder({ expireInSeconds: 60 });
    await db.payOrder.update({ where: { payOrderNo: expiring }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await view(expiring)).toMatchObject({ phase: "expired", channels: [], attempt: null });
    await expect(pay(expiring, "wechatpay")).rejects.toMatchObject({ code: "ORDER_CLOSED" });

    const closing = await newCashierOrder();
    expect((await api(`/api/v1/pay-orders/${closing}/close`, { method: "POST", body: {} })).status).toBe(200);
    expect((await view(closing)).phase).toBe("closed");
    await expect(pay(closing, "alipay")).rejects.toMatchObject({ code: "ORDER_CLOSED" });
  });

  it("of a suspended merchant or a disabled app: unavailable, no channels offered, no attempt", async () => {
    const payOrderNo = await newCashierOrder();
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: "M10000001" } });
    try {
      await db.merchant.update({ where: { id: merchant.id }, data: { status: "SUSPENDED" } });
      expect(await view(payOrderNo)).toMatchObject({ phase: "unavailable", channels: [] });
      await expect(pay(payOrderNo, "wechatpay")).rejects.toMatchObject({ code: "MERCHANT_INACTIVE" });
      await db.merchant.update({ where: { id: merchant.id }, data: { status: "ACTIVE" } });
      await db.app.update({ where: { id: DEMO_APP.id }, data: { status: "DISABLED" } });
      expect((await view(payOrderNo)).phase).toBe("unavailable");
    } finally {
      await db.merchant.update({ where: { id: merchant.id }, data: { status: "ACTIVE" } });
      await db.app.update({ where: { id: DEMO_APP.id }, data: { status: "ACTIVE" } });
      invalidateApiApp();
    }
    expect(await db.payment.count({ where: { payOrderNo } })).toBe(0);
  });

  it("a channel this device is not offered: refused before any attempt", async () => {
    // the app's UnionPay account disabled: the channel is not offered
    const unionpay = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "unionpay" } });
    await db.channelAccount.update({ where: { id: unionpay.id }, data: { status: "DISABLED" } });
    try {
      const payOrderNo = await newCashierOrder();
      await expect(pay(payOrderNo, "unionpay")).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "channel" });
      expect(await db.payment.count({ where: { payOrderNo } })).toBe(0);
    } finally {
      await db.channelAccount.update({ where: { id: unionpay.id }, data: { status: unionpay.status } });
    }
  });
});
