import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { StaticQrPayerApp } from "@/server/domain/static-qr";
import { channelForAccount } from "@/server/services/payments/channel-for-account";
import { settlePayerTrade } from "@/server/services/sandbox/settle-payer-trade";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { checkStaticQrPayment } from "./check-payment";
import { createStaticQrCode } from "./create-code";
import { getStaticQrCode } from "./get-code";
import { getStaticQrPaymentResult } from "./get-payment-result";
import { listStaticQrCodes } from "./list-codes";
import { beginPayerOAuth, completePayerOAuth } from "./payer-oauth";
import { payerCookieName } from "./payer-session";
import { StaticQrRefusal } from "./refusal";
import { setStaticQrCodeEnabled } from "./set-code-enabled";
import { startStaticQrPayment } from "./start-payment";

const env = useDemoPaymentEnv();

const ACTOR = { type: "SYSTEM" } as const;

async function demoMerchantId(): Promise<string> {
  return (await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id }, select: { merchantId: true } })).merchantId;
}

async function newCode(over: { amountYuan?: string; storeId?: string } = {}) {
  return createStaticQrCode(await demoMerchantId(), ACTOR, { appId: DEMO_APP.id, storeId: over.storeId ?? "S01", name: "收银台 1号", subject: "门店消费", amountYuan: over.amountYuan ?? "" });
}

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StaticQrRefusal) return error.reason;
    throw error;
  }
  throw new Error("not refused");
}

/** The browser's side of the OAuth round trip: to the sandbox's authorize page and back with a code. */
async function authorize(code: string, app: StaticQrPayerApp, user = "1") {
  const { authorizeUrl, stateCookie } = await beginPayerOAuth(code, app);
  const url = new URL(authorizeUrl);
  url.searchParams.set("sandbox_user", user);
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location") as string);
  expect(back.pathname).toBe(`/q/${code}/oauth`);
  return { stateCookie, state: back.searchParams.get("state"), authCode: back.searchParams.get(app === "wechat" ? "code" : "auth_code") };
}

async function identify(code: string, app: StaticQrPayerApp, user = "1") {
  const { stateCookie, state, authCode } = await authorize(code, app, user);
  const { appId, payerCookie } = await completePayerOAuth({ code, state, stateCookie, authCode });
  return (name: string) => (name === payerCookieName(appId) ? payerCookie : undefined);
}

const tradeNoOf = (payerUrl: string) => new URL(payerUrl).pathname.split("/").at(-1) as string;

describe("the payer's identity (OAuth against the sandbox)", () => {
  it.each(["wechat", "alipay"] as const)("in %s: a round trip gives the payer cookie; a forged state and a reused code are refused", async (app) => {
    const { code } = await newCode();
    const round = await authorize(code, app);
    expect(await refusalOf(completePayerOAuth({ code, state: "FORGED", stateCookie: round.stateCookie, authCode: round.authCode }))).toBe("FORGED_STATE");
    // another browser's state cookie (a CSRF link carrying the victim's callback) is refused too
    const other = await authorize(code, app);
    expect(await refusalOf(completePayerOAuth({ code, state: round.state, stateCookie: other.stateCookie, authCode: round.authCode }))).toBe("FORGED_STATE");
    const done = await completePayerOAuth({ code, state: round.state, stateCookie: round.stateCookie, authCode: round.authCode });
    expect(done.appId).toBe(DEMO_APP.id);
    expect(await refusalOf(completePayerOAuth({ code, state: round.state, stateCookie: round.stateCookie, authCode: round.authCode }))).toBe("IDENTITY_FAILED");
    expect(await refusalOf(completePayerOAuth({ code, state: other.state, stateCookie: other.stateCookie, authCode: "made-up" }))).toBe("IDENTITY_FAILED");
  });
});

describe("the sandbox's WeChat OAuth", () => {
  it("answers the openid only to the AppSecret it issued with the account", async () => {
    const { code } = await newCode();
    const round = await authorize(code, "wechat");
    const account = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "wechatpay" } });
    const { ctx } = (await channelForAccount(account.id)) as unknown as { ctx: { credentials: { appid: string; officialAccountSecret: string } } };
    const token = async (secret: string) => {
      const query = new URLSearchParams({ appid: ctx.credentials.appid, secret, code: round.authCode as string, grant_type: "authorization_code" });
      return (await fetch(`${env.harness.url}/api/sandbox/wechatpay/sns/oauth2/access_token?${query}`)).json();
    };
    expect(await token("0".repeat(32))).toMatchObject({ errcode: 40125 });
    expect(await token(ctx.credentials.officialAccountSecret)).toMatchObject({ openid: expect.stringMatching(/^o[\w-]{27}$/), scope: "snsapi_base" });
    expect(await token(ctx.credentials.officialAccountSecret)).toMatchObject({ errcode: 40163 });
  });
});

describe("a payment with a code", () => {
  it.each(["wechat", "alipay"] as const)("in %s: creates an order of the code's store, pays JSAPI on the sandbox and shows the result", async (app) => {
    const { code } = await newCode({ storeId: "S07" });
    const cookies = await identify(code, app);
    const payment = await startStaticQrPayment({ code, app, cookies, amountYuan: "12.30", clientIp: "203.0.113.9" });

    const order = await db.order.findUniqueOrThrow({ where: { orderNo: payment.orderNo } });
    expect(order).toMatchObject({ storeId: "S07", scene: "static_qr", payableAmount: 1230n, metadata: { staticQrCode: code } });
    expect(order.buyerId.startsWith(`${app}:`)).toBe(true);
    const attempt = await db.payment.findFirstOrThrow({ where: { payOrderNo: payment.payOrderNo } });
    expect(attempt).toMatchObject({ mode: "jsapi", channel: app === "wechat" ? "wechatpay" : "alipay", status: "PROCESSING" });
    expect(payment.pay.kind).toBe("sandbox");
    if (payment.pay.kind !== "sandbox") return;
    expect(await getStaticQrPaymentResult(code, payment.payOrderNo)).toMatchObject({ state: "pending", amount: 1230n });

    const settled = await settlePayerTrade({
      channel: app === "wechat" ? "wechatpay" : "alipay",
      channelTradeNo: tradeNoOf(payment.pay.url),
      outcome: "success",
      redirectUrl: new URL(payment.pay.url).searchParams.get("redirect_url") ?? undefined,
    });
    expect(settled?.returnTo).toBe(payment.resultUrl);
    const result = await eventually(async () => {
      const current = await getStaticQrPaymentResult(code, payment.payOrderNo);
      return current?.state === "paid" && current;
    });
    expect(result.merchantName).toBeTruthy();
    // the result of a payment is not shown under another code
    const { code: other } = await newCode();
    expect(await getStaticQrPaymentResult(other, payment.payOrderNo)).toBeNull();
  });

  it("shows a payment declined in the app as failed as soon as the payer is back (the channel is asked then)", async () => {
    const { code } = await newCode();
    const payment = await startStaticQrPayment({ code, app: "wechat", cookies: await identify(code, "wechat", "declines"), amountYuan: "3", clientIp: null });
    if (payment.pay.kind !== "sandbox") throw new Error("a TEST app pays on the sandbox");
    await settlePayerTrade({ channel: "wechatpay", channelTradeNo: tradeNoOf(payment.pay.url), outcome: "fail" });
    expect(await getStaticQrPaymentResult(code, payment.payOrderNo)).toMatchObject({ state: "pending" });
    await checkStaticQrPayment(payment.payOrderNo);
    expect(await getStaticQrPaymentResult(code, payment.payOrderNo)).toMatchObject({ state: "failed" });
  });

  it("takes a fixed amount from the code, whatever the page sends", async () => {
    const { code } = await newCode({ amountYuan: "8.80" });
    const payment = await startStaticQrPayment({ code, app: "wechat", cookies: await identify(code, "wechat", "fixed"), amountYuan: "0.01", clientIp: null });
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: payment.orderNo } })).payableAmount).toBe(880n);
  });

  it("refuses a payer without the cookie, a payer cookie of the other app, and a bad amount", async () => {
    const { code } = await newCode();
    expect(await refusalOf(startStaticQrPayment({ code, app: "wechat", cookies: () => undefined, amountYuan: "1", clientIp: null }))).toBe("PAYER_UNKNOWN");
    const wechatPayer = await identify(code, "wechat", "switch");
    expect(await refusalOf(startStaticQrPayment({ code, app: "alipay", cookies: wechatPayer, amountYuan: "1", clientIp: null }))).toBe("PAYER_UNKNOWN");
    // a cookie value made up by the browser
    expect(await refusalOf(startStaticQrPayment({ code, app: "wechat", cookies: () => "v1.x.y", amountYuan: "1", clientIp: null }))).toBe("PAYER_UNKNOWN");
    expect(await refusalOf(startStaticQrPayment({ code, app: "wechat", cookies: wechatPayer, amountYuan: "1.234", clientIp: null }))).toBe("AMOUNT_INVALID");
    expect(await refusalOf(startStaticQrPayment({ code, app: "wechat", cookies: wechatPayer, amountYuan: "0", clientIp: null }))).toBe("AMOUNT_INVALID");
  });

  it("refuses a disabled code and an unknown one, and takes payments again once enabled", async () => {
    const created = await newCode();
    const cookies = await identify(created.code, "wechat", "disabled");
    const merchantId = await demoMerchantId();
    await setStaticQrCodeEnabled(merchantId, ACTOR, created.id, false);
    expect(await refusalOf(startStaticQrPayment({ code: created.code, app: "wechat", cookies, amountYuan: "1", clientIp: null }))).toBe("DISABLED");
    expect(await refusalOf(beginPayerOAuth(created.code, "wechat"))).toBe("DISABLED");
    expect(await refusalOf(beginPayerOAuth("0000000000000000", "wechat"))).toBe("NOT_FOUND");
    expect(await refusalOf(beginPayerOAuth("../../etc", "alipay"))).toBe("NOT_FOUND");
    await setStaticQrCodeEnabled(merchantId, ACTOR, created.id, true);
    await startStaticQrPayment({ code: created.code, app: "wechat", cookies, amountYuan: "1", clientIp: null });
    const audit = await db.auditLog.findMany({ where: { targetId: created.id }, orderBy: { id: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["static_qr.created", "static_qr.disabled", "static_qr.enabled"]);
  });
});

describe("the daily cap per payer (500 元 by default)", () => {
  it("refuses the payment that would pass it, before any channel call; another payer is not affected", async () => {
    const { code } = await newCode();
    const payer = await identify(code, "wechat", "cap-seq");
    await startStaticQrPayment({ code, app: "wechat", cookies: payer, amountYuan: "300", clientIp: null });
    const attemptsBefore = await db.payment.count({ where: { appId: DEMO_APP.id } });
    expect(await refusalOf(startStaticQrPayment({ code, app: "wechat", cookies: payer, amountYuan: "200.01", clientIp: null }))).toBe("DAILY_CAP");
    expect(await db.payment.count({ where: { appId: DEMO_APP.id } })).toBe(attemptsBefore);
    // exactly up to the cap is allowed, across the app's codes
    const { code: second } = await newCode();
    await startStaticQrPayment({ code: second, app: "wechat", cookies: payer, amountYuan: "200", clientIp: null });
    const someoneElse = await identify(code, "wechat", "cap-other");
    await startStaticQrPayment({ code, app: "wechat", cookies: someoneElse, amountYuan: "500", clientIp: null });
  });

  it("lets only one of two concurrent payments through when both together would pass it", async () => {
    const { code } = await newCode();
    const payer = await identify(code, "alipay", "cap-race");
    const results = await Promise.allSettled([
      startStaticQrPayment({ code, app: "alipay", cookies: payer, amountYuan: "300", clientIp: null }),
      startStaticQrPayment({ code, app: "alipay", cookies: payer, amountYuan: "300", clientIp: null }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as StaticQrRefusal).reason).toBe("DAILY_CAP");
  });
});

describe("the console's codes", () => {
  it("are scoped to their merchant: another merchant sees, prints and switches none of them", async () => {
    const created = await newCode();
    const other = await db.merchant.findFirstOrThrow({ where: { id: { not: await demoMerchantId() } } });
    expect((await listStaticQrCodes(await demoMerchantId())).map((c) => c.id)).toContain(created.id);
    expect((await listStaticQrCodes(other.id)).map((c) => c.id)).not.toContain(created.id);
    await expect(getStaticQrCode(other.id, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setStaticQrCodeEnabled(other.id, ACTOR, created.id, false)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createStaticQrCode(other.id, ACTOR, { appId: DEMO_APP.id, storeId: "", name: "x", subject: "x", amountYuan: "" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await getStaticQrCode(await demoMerchantId(), created.id)).url).toMatch(/\/q\/[0-9A-HJKMNP-TV-Z]{16}$/);
  });
});
