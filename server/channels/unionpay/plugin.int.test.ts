import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { settleRefund } from "@/server/sandbox/trades";
import { startHttpHarness, type Harness } from "@/server/testing/http-harness";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, NotifyVerificationError } from "../errors";
import type { PayMode, PayRequest } from "../types";
import { parseAnswer } from "./acp";
import { checkUnionpaySignature, postForm, signedAcpRequest } from "./client";
import { hiddenInputs, ourNumber, seededUnionpayAccount, setSandboxFaults } from "./fixtures/sandbox-account";
import { fromOrderId } from "./transformers";

// The plugin end to end against the simulated UnionPay gateway, over real HTTP, the browser's part
// (front form, bank-card page, front notification) played with fetch.

let harness: Harness;
let account: Awaited<ReturnType<typeof seededUnionpayAccount>>;

beforeAll(async () => {
  harness = await startHttpHarness();
  account = await seededUnionpayAccount();
});
// the timeout fault's handler sleeps on after our side gave up: do not wait for it to close the server
// a connection of the timed-out call can stay open on the test server for its keep-alive time (65 s): do not wait for it
afterAll(() => Promise.race([harness.close(), new Promise((resolve) => setTimeout(resolve, 3_000))]));
afterEach(() => setSandboxFaults(account.sandboxMerchant.id, {}));

function payRequest(mode: PayMode, amount = 12_800n): PayRequest {
  return {
    outTradeNo: `${ourNumber("P")}-1`,
    amount,
    currency: "CNY",
    subject: "演示商品 100% 纯棉 & {礼盒}",
    expiresAt: new Date(Date.now() + 15 * 60_000),
    mode,
    returnUrl: `${harness.url}/pay/P1`,
  };
}

/** The consumer's browser: posts the form, lands on the bank-card page, enters the card and confirms. */
async function payInBrowser(request: PayRequest, cardNo = "6216 2610 0000 0000 018") {
  const { plugin, ctx } = account;
  const { payData } = await plugin.pay(ctx, request);
  if (payData?.type !== "form") throw new Error(`expected a form, got ${JSON.stringify(payData)}`);
  const posted = await fetch(payData.action, { method: "POST", body: new URLSearchParams(payData.fields), redirect: "manual" });
  expect(posted.status).toBe(303);
  const cardUrl = posted.headers.get("location") as string;
  const page = await fetch(cardUrl);
  expect(await page.text()).toContain("¥128.00");
  const confirmed = await fetch(cardUrl, { method: "POST", body: new URLSearchParams({ cardNo, action: "pay" }), headers: { "accept-language": "en" } });
  return { payData, cardUrl, html: await confirmed.text() };
}

describe("unionpay plugin against the sandbox", () => {
  it("pc: the signed form, the bank-card page, the front notification; paid, refunded in part, queried", async () => {
    const { plugin, ctx } = account;
    const request = payRequest("pc");
    const { payData, html } = await payInBrowser(request);
    expect(payData.action).toBe(`${ctx.baseUrl}/frontTransReq.do`);
    expect(payData.fields).toMatchObject({ txnType: "01", txnSubType: "01", bizType: "000201", channelType: "07", txnAmt: "12800", currencyCode: "156", frontUrl: request.returnUrl, backUrl: ctx.notifyUrl });
    expect(payData.fields.orderId).toMatch(/^[A-Za-z0-9]{8,40}$/);
    expect(fromOrderId(payData.fields.orderId)).toBe(request.outTradeNo);

    // what the browser posts back to frontUrl: signed by UnionPay, verifiable with the account's chain
    expect(html).toContain("Payment succeeded");
    const front = hiddenInputs(html);
    expect(front).toMatchObject({ respCode: "00", orderId: payData.fields.orderId, txnAmt: "12800" });
    expect(checkUnionpaySignature(ctx, front)).toBeNull();
    expect(checkUnionpaySignature(ctx, { ...front, txnAmt: "1" })).toBe("the signature does not verify");

    const paid = await plugin.query(ctx, request.outTradeNo);
    expect(paid).toMatchObject({ state: "SUCCEEDED", outTradeNo: request.outTradeNo, channelTradeNo: front.queryId, amount: 12_800n, currency: "CNY" });
    expect(paid.paidAt).toBeInstanceOf(Date);

    const outRefundNo = ourNumber("F");
    const refund = { outTradeNo: request.outTradeNo, channelTradeNo: paid.channelTradeNo, outRefundNo, refundAmount: 1_999n, totalAmount: 12_800n, currency: "CNY" as const };
    expect(await plugin.refund(ctx, refund)).toMatchObject({ state: "PROCESSING", outRefundNo, refundAmount: 1_999n });
    expect(await plugin.queryRefund(ctx, outRefundNo, request.outTradeNo)).toMatchObject({ state: "PROCESSING", refundAmount: 1_999n });
    const stored = await db.sandboxRefund.findFirstOrThrow({ where: { outRefundNo } });
    await settleRefund(stored.id, "success");
    expect(await plugin.queryRefund(ctx, outRefundNo, request.outTradeNo)).toMatchObject({ state: "SUCCEEDED", outRefundNo, refundAmount: 1_999n });
    expect(await plugin.queryRefund(ctx, ourNumber("F"), request.outTradeNo)).toMatchObject({ state: "NOT_FOUND" });
    // cumulative refunds never exceed the payment (37)
    await expect(plugin.refund(ctx, { ...refund, outRefundNo: ourNumber("F"), refundAmount: 10_802n })).rejects.toMatchObject({ constructor: ChannelRejectedError, code: "37" });
    // a paid trade is not closed
    await expect(plugin.close(ctx, request.outTradeNo)).rejects.toBeInstanceOf(ChannelRejectedError);
  });

  it("wap: channelType 08; a trade never submitted is unknown to UnionPay and closing it is a no-op", async () => {
    const { plugin, ctx } = account;
    const request = payRequest("wap", 1n);
    const { payData } = await plugin.pay(ctx, request);
    if (payData?.type !== "form") throw new Error("expected a form");
    expect(payData.fields.channelType).toBe("08");
    expect(await plugin.query(ctx, request.outTradeNo)).toEqual({ state: "NOT_FOUND", outTradeNo: request.outTradeNo });
    await plugin.pay(ctx, request).then((r) => fetch((r.payData as { action: string }).action, { method: "POST", body: new URLSearchParams((r.payData as { fields: Record<string, string> }).fields), redirect: "manual" }));
    expect(await plugin.query(ctx, request.outTradeNo)).toMatchObject({ state: "NOT_FOUND" });
    await plugin.close(ctx, request.outTradeNo);
  });

  it("a tampered form is refused by the gateway", async () => {
    const { payData } = await account.plugin.pay(account.ctx, payRequest("pc"));
    const fields = { ...(payData as { fields: Record<string, string> }).fields, txnAmt: "1" };
    const posted = await fetch((payData as { action: string }).action, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain("验证签名失败");
  });

  it("a card number that fails the Luhn check is asked again", async () => {
    const { html } = await payInBrowser(payRequest("pc"), "6216 2610 0000 0000 019");
    expect(html).toContain("Enter a valid bank card number");
  });

  it("the payment notification verifies; a forged or another merchant's one is refused", async () => {
    const { plugin, ctx } = account;
    const request = payRequest("pc");
    const { html } = await payInBrowser(request);
    const fields = hiddenInputs(html);
    const body = new URLSearchParams(fields).toString();
    expect(await plugin.parseNotify(ctx, { headers: {}, body })).toMatchObject({ state: "SUCCEEDED", outTradeNo: request.outTradeNo, amount: 12_800n, channelMchId: ctx.credentials.merId });
    await expect(plugin.parseNotify(ctx, { headers: {}, body: new URLSearchParams({ ...fields, txnAmt: "1" }).toString() })).rejects.toBeInstanceOf(NotifyVerificationError);
    // a certificate the account's root did not issue (the merchant's own, self-presented) is refused before any signature
    await expect(plugin.parseNotify(ctx, { headers: {}, body: new URLSearchParams({ ...fields, signPubKeyCert: ctx.credentials.rootCertPem }).toString() })).rejects.toThrow(/not issued by the UnionPay middle/);
  });

  it("undo (31/00): the whole amount only (a part is refused); the undo queries as done", async () => {
    const { plugin, ctx } = account;
    const request = payRequest("pc");
    await payInBrowser(request);
    const paid = await plugin.query(ctx, request.outTradeNo);
    const undo = (orderId: string, txnAmt: string) =>
      postForm(ctx, `${ctx.baseUrl}/backTransReq.do`, signedAcpRequest(ctx, { txnType: "31", txnSubType: "00", bizType: "000201", channelType: "07", orderId, origQryId: paid.channelTradeNo, txnTime: orderId.slice(1, 15), txnAmt }), "undo").then(parseAnswer);
    expect(await undo(ourNumber("F"), "100")).toMatchObject({ respCode: "36" });
    const orderId = ourNumber("F");
    const done = await undo(orderId, "12800");
    expect(done).toMatchObject({ respCode: "00", origQryId: paid.channelTradeNo });
    expect(checkUnionpaySignature(ctx, done)).toBeNull();
    expect(await plugin.queryRefund(ctx, orderId, request.outTradeNo)).toMatchObject({ state: "SUCCEEDED", refundAmount: 12_800n });
  });

  it("a card the bank declines (fault): the front result says so and the query reads FAILED", async () => {
    const { plugin, ctx } = account;
    await setSandboxFaults(account.sandboxMerchant.id, { declinePerMille: 1000 });
    const request = payRequest("wap");
    const { html } = await payInBrowser(request);
    expect(html).toContain("The bank declined this payment.");
    expect(hiddenInputs(html)).toMatchObject({ respCode: "51" });
    expect(await plugin.query(ctx, request.outTradeNo)).toMatchObject({ state: "FAILED", failureReason: expect.stringContaining("(51)") });
  });

  it("test connection proves the keys both ways; a wrong root makes it fail", async () => {
    const { plugin, ctx } = account;
    await plugin.verifyCredentials?.(ctx, "P-never");
    const { issueCertificate, issueSandboxPki, ROOT_NAME } = await import("@/server/sandbox/unionpay/pki");
    const other = issueSandboxPki("777000000000000", { merchant: keysOf(), channel: keysOf() });
    const otherRootKey = keysOf();
    const otherRoot = issueCertificate({ subject: ROOT_NAME, issuer: ROOT_NAME, publicKeyPem: otherRootKey.publicKey, signerPrivateKeyPem: otherRootKey.privateKey, ca: true });
    const wrongRoot = { ...ctx, credentials: { ...ctx.credentials, rootCertPem: (await import("node-forge")).default.pki.certificateToPem(otherRoot) } };
    await expect(plugin.verifyCredentials?.(wrongRoot, "P-never")).rejects.toMatchObject({ constructor: ChannelTimeoutError, message: expect.stringMatching(/failed verification/) });
    // a key UnionPay does not know for this merchant: it refuses our signature (11 验证签名失败)
    const otherPfx = { ...ctx, credentials: { ...ctx.credentials, signCertPfx: other.merchantPfxBase64, signCertPassword: other.merchantPfxPassword } };
    await expect(plugin.verifyCredentials?.(otherPfx, "P-never")).rejects.toMatchObject({ constructor: ChannelRejectedError, code: "11", message: expect.stringMatching(/签名/) });
    // an ordinary call whose answer does not verify: the outcome is unknown
    await expect(plugin.query(wrongRoot, `${ourNumber("P")}-1`)).rejects.toMatchObject({ constructor: ChannelTimeoutError, code: "OUTCOME_UNKNOWN" });
  });
});

function keysOf() {
  const { generateKeyPairSync } = require("node:crypto") as typeof import("node:crypto");
  return generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
}

describe("unionpay plugin failures", () => {
  it("a gateway answering 503 is unavailable", async () => {
    await setSandboxFaults(account.sandboxMerchant.id, { errorPerMille: 1000 });
    await expect(account.plugin.query(account.ctx, `${ourNumber("P")}-1`)).rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it("a gateway that does not answer in time is a timeout", async () => {
    // an answer 1.5 s late (the timeout fault's 30 s hang would outlive the test server)
    await setSandboxFaults(account.sandboxMerchant.id, { latencyMs: 1_500 });
    await expect(account.plugin.query({ ...account.ctx, timeoutMs: 300 }, `${ourNumber("P")}-1`)).rejects.toMatchObject({ constructor: ChannelTimeoutError, code: "TIMEOUT" });
  });

  it("a refused connection is unavailable", async () => {
    const ctx = { ...account.ctx, baseUrl: "http://127.0.0.1:1/gateway/api" };
    await expect(account.plugin.query(ctx, `${ourNumber("P")}-1`)).rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it("a number without our time cannot be an ACP order", async () => {
    await expect(account.plugin.pay(account.ctx, { ...payRequest("pc"), outTradeNo: "order-1" })).rejects.toThrow(/txnTime|orderId|upper-case/);
  });
});
