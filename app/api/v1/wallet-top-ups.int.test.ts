import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { walletTopUpPaid } from "@/server/services/buyers/wallet-top-up-paid";
import { expectAssetsMatchJournal, fundWallet, grantPoints, issueCoupon } from "@/server/testing/asset-fixtures";
import { orderCenterClient } from "@/server/testing/order-fixtures";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { eventually, sandboxPaymentNotification } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${counter++}`;
const merchantOf = async (appId: string) => (await db.app.findUniqueOrThrow({ where: { id: appId } })).merchantId;
const topUp = (buyerId: string, body: unknown) => api(`/api/v1/buyers/${encodeURIComponent(buyerId)}/wallet/top-ups`, { body });

describe("POST /api/v1/buyers/{buyerId}/wallet/top-ups", () => {
  it("opens a cashier pay order (purpose top_up) with the top-up; replays the same topUpNo; other content → 409 PARAMS_MISMATCH", async () => {
    const buyerId = unique("U");
    const body = { topUpNo: unique("TU"), amount: 10000 };
    const created = await topUp(buyerId, body);
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      topUpNo: body.topUpNo,
      buyerId,
      amount: 10000,
      status: "PENDING",
      payOrderNo: expect.stringMatching(/^P\d{17}[0-9A-Z]{8}$/),
      cashierUrl: `${env.harness.url}/pay/${created.json.payOrderNo}`,
      createdAt: expect.any(String),
      creditedAt: null,
    });
    const payOrder = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } });
    expect(payOrder).toMatchObject({ purpose: "top_up", orderNo: null, amount: 10000n, status: "PENDING", appId: DEMO_APP.id, metadata: { topUpNo: body.topUpNo } });
    expect(payOrder.mchOrderNo).toMatch(/^topup-[0-9a-f-]{36}$/);
    expect((await api(`/api/v1/pay-orders/${payOrder.payOrderNo}`)).json).toMatchObject({ status: "PENDING", amount: 10000 });

    const again = await topUp(buyerId, body);
    expect([again.status, again.json]).toEqual([200, created.json]);
    for (const [other, otherBody] of [
      [buyerId, { ...body, amount: 10001 }],
      [`${buyerId}-2`, body],
    ] as const) {
      const mismatch = await topUp(other, otherBody);
      expect([mismatch.status, mismatch.json.error.code, mismatch.json.error.field]).toEqual([409, "PARAMS_MISMATCH", "topUpNo"]);
    }
    expect(await db.payOrder.count({ where: { appId: DEMO_APP.id, purpose: "top_up", metadata: { equals: { topUpNo: body.topUpNo } } } })).toBe(1);
    // nothing is credited before it is paid
    expect((await api(`/api/v1/buyers/${buyerId}/assets`)).json.wallet).toEqual({ balance: 0, frozen: 0 });
  });

  it("ten identical top-ups at once open one pay order; the rest replay it", async () => {
    const buyerId = unique("U");
    const body = { topUpNo: unique("TU"), amount: 500 };
    const answers = await Promise.all(Array.from({ length: 10 }, () => topUp(buyerId, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.payOrderNo)).size).toBe(1);
    expect(await db.payOrder.count({ where: { appId: DEMO_APP.id, purpose: "top_up", metadata: { equals: { topUpNo: body.topUpNo } } } })).toBe(1);
  });

  it("refuses malformed top-ups with 400 VALIDATION_FAILED and its field, writing nothing", async () => {
    const buyerId = unique("U");
    const cases: [unknown, string][] = [
      [{ topUpNo: "TU1", amount: 0 }, "amount"],
      [{ topUpNo: "TU1", amount: 5_000_001 }, "amount"],
      [{ topUpNo: "TU1", amount: 10.5 }, "amount"],
      [{ topUpNo: "TU1", amount: "100" }, "amount"],
      [{ topUpNo: "TU1" }, "amount"],
      [{ topUpNo: "TU 1", amount: 100 }, "topUpNo"],
      [{ topUpNo: "x".repeat(65), amount: 100 }, "topUpNo"],
      [{ topUpNo: "TU1", amount: 100, currency: "CNY" }, ""],
    ];
    for (const [body, field] of cases) {
      const answer = await topUp(buyerId, body);
      expect([JSON.stringify(body), answer.status, answer.json.error.code, answer.json.error.field ?? ""]).toEqual([JSON.stringify(body), 400, "VALIDATION_FAILED", field]);
    }
    for (const path of ["x".repeat(65), "%20U1", "%00"]) {
      const answer = await api(`/api/v1/buyers/${path}/wallet/top-ups`, { body: { topUpNo: unique("TU"), amount: 100 } });
      expect([path, answer.status, answer.json.error.field]).toEqual([path, 400, "buyerId"]);
    }
    // the largest top-up is allowed
    expect((await topUp(buyerId, { topUpNo: unique("TU"), amount: 5_000_000 })).status).toBe(201);
    expect(await db.walletTopUp.count({ where: { buyerId } })).toBe(1);
  });
});

describe("paying a top-up", () => {
  it("the sandbox's callback credits the wallet exactly once, even when the callback is delivered again", async () => {
    const buyerId = unique("U");
    const funded = await fundWallet(api, buyerId, 12345);
    const stored = await db.walletTopUp.findUniqueOrThrow({ where: { payOrderNo: funded.payOrderNo } });
    expect(stored).toMatchObject({ status: "CREDITED", creditedAt: expect.any(Date) });
    const attemptNo = `${funded.payOrderNo}-1`;
    const notification = await sandboxPaymentNotification(DEMO_APP.id, "wechatpay", attemptNo);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => fetch(notification.url, { method: "POST", headers: notification.headers, body: notification.body }).then((r) => r.status)),
    );
    expect(answers.every((status) => status >= 200 && status < 300)).toBe(true);
    const merchantId = await merchantOf(DEMO_APP.id);
    expect(await expectAssetsMatchJournal(merchantId, buyerId)).toEqual({ wallet: { balance: 12345n, frozen: 0n }, points: { balance: 0n, frozen: 0n } });
    const entries = await db.journalEntry.findMany({ where: { buyerId }, include: { postings: { include: { account: true } } } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: "wallet_top_up", dedupeKey: `wallet_top_up:${funded.payOrderNo}`, currency: "CNY", channel: "wallet", payOrderNo: funded.payOrderNo, amount: -12345n });
    expect(entries[0].postings.map((p) => [p.account.type, p.amount]).sort()).toEqual([
      ["BUYER_WALLET", -12345n],
      ["MERCHANT_PAYABLE", 12345n],
    ]);
    const answer = await api(`/api/v1/buyers/${buyerId}/assets`);
    expect(answer.json.wallet).toEqual({ balance: 12345, frozen: 0 });
    // the replayed request shows it credited
    const replay = await topUp(buyerId, { topUpNo: funded.topUpNo, amount: 12345 });
    expect([replay.status, replay.json.status, typeof replay.json.creditedAt]).toEqual([200, "CREDITED", "string"]);
  });

  it("several top-ups and grants add up, and the buyer's assets equal their journal postings", async () => {
    const buyerId = unique("U");
    await Promise.all([fundWallet(api, buyerId, 100), fundWallet(api, buyerId, 250), grantPoints(api, buyerId, 30), grantPoints(api, buyerId, 12)]);
    const merchantId = await merchantOf(DEMO_APP.id);
    expect(await expectAssetsMatchJournal(merchantId, buyerId)).toEqual({ wallet: { balance: 350n, frozen: 0n }, points: { balance: 42n, frozen: 0n } });
  });

  it("a top-up whose pay order closes unpaid is CLOSED and credits nothing; if the consumer had paid after all, it is credited", async () => {
    const buyerId = unique("U");
    const created = await topUp(buyerId, { topUpNo: unique("TU"), amount: 800 });
    const closed = await api(`/api/v1/pay-orders/${created.json.payOrderNo}/close`, { body: {} });
    expect(closed.status).toBe(200);
    await eventually(async () => (await db.walletTopUp.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).status === "CLOSED");
    expect((await topUp(buyerId, { topUpNo: created.json.topUpNo, amount: 800 })).json.status).toBe("CLOSED");
    const merchantId = await merchantOf(DEMO_APP.id);
    expect((await expectAssetsMatchJournal(merchantId, buyerId)).wallet.balance).toBe(0n);

    // the payment center makes a CLOSED pay order PAID when the money moved after all: the hook credits it then, once
    const payOrder = await db.payOrder.update({ where: { payOrderNo: created.json.payOrderNo }, data: { status: "PAID", paidAmount: 800n, paidAt: new Date() } });
    await db.$transaction((tx) => walletTopUpPaid(tx, payOrder));
    await db.$transaction((tx) => walletTopUpPaid(tx, payOrder));
    expect((await db.walletTopUp.findUniqueOrThrow({ where: { payOrderNo: payOrder.payOrderNo } })).status).toBe("CREDITED");
    expect((await expectAssetsMatchJournal(merchantId, buyerId)).wallet.balance).toBe(800n);
  });

  it("a paid top-up's pay order cannot be refunded: 409 TOP_UP_NOT_REFUNDABLE, the wallet untouched", async () => {
    const buyerId = unique("U");
    const funded = await fundWallet(api, buyerId, 600);
    const refused = await api("/api/v1/refunds", { body: { payOrderNo: funded.payOrderNo, mchRefundNo: unique("R"), amount: 600 } });
    expect([refused.status, refused.json.error.code, refused.json.error.field]).toEqual([409, "TOP_UP_NOT_REFUNDABLE", "payOrderNo"]);
    expect(await db.refund.count({ where: { payOrderNo: funded.payOrderNo } })).toBe(0);
    expect((await expectAssetsMatchJournal(await merchantOf(DEMO_APP.id), buyerId)).wallet.balance).toBe(600n);
  });
});

describe("assets funded through the Open API pay a trade", () => {
  it("a paid top-up, a grant and an issued coupon cover an order in a trade; the assets show it spent and still equal the journal", async () => {
    const buyerId = unique("U");
    await fundWallet(api, buyerId, 8500);
    await grantPoints(api, buyerId, 500);
    const coupon = await issueCoupon(api, buyerId, { value: 1000, minSpend: 10000 });
    const orders = orderCenterClient(api, "AS", { type: "standard", scene: "mall", lines: [{ sku: "SOFA", name: "沙发", quantity: 1, unitPrice: 10000 }], payableAmount: 10000 });
    const order = await orders.createOrder({ buyer: { id: buyerId } });
    const trade = await api(`/api/v1/orders/${order.orderNo}/trades`, {
      body: { tradeNo: unique("TR"), deductMode: "lock", couponNos: [coupon.couponNo], points: 500, walletAmount: 8500 },
    });
    expect([trade.status, trade.json.status]).toEqual([201, "SUCCEEDED"]);
    const assets = (await api(`/api/v1/buyers/${buyerId}/assets`)).json;
    expect(assets).toMatchObject({ wallet: { balance: 0, frozen: 0 }, points: { balance: 0, frozen: 0 } });
    expect(assets.coupons.map((c: { couponNo: string; status: string }) => [c.couponNo, c.status])).toEqual([[coupon.couponNo, "USED"]]);
    expect(await expectAssetsMatchJournal(await merchantOf(DEMO_APP.id), buyerId)).toEqual({ wallet: { balance: 0n, frozen: 0n }, points: { balance: 0n, frozen: 0n } });
  });
});
