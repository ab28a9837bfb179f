import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { sweepOrderTimeouts } from "@/server/services/orders/order-timeouts";
import { syncPayment } from "@/server/services/payments/sync-payment";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { tradeTestKit } from "@/server/testing/trade-setup";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);
const kit = tradeTestKit(api, DEMO_APP.id);

const buyer = () => `UT${kit.unique()}`;
const simulate = (payOrderNo: string, outcome: "success" | "fail" | "close") =>
  api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome, channel: "wechatpay", mode: "native" } });

describe("POST /api/v1/orders/{orderNo}/trades — lock mode (先行扣减)", () => {
  it("freezes coupon, points and wallet in the request, confirms them when the channel part is paid, and the order is PAID", async () => {
    const id = buyer();
    await kit.credit(id, "points", 1000n);
    await kit.credit(id, "wallet", 5000n);
    const couponNo = await kit.coupon(id, { value: 2000, minSpend: 10000 });
    const orderNo = await kit.order(id, 20000);

    const created = await kit.trade(orderNo, { couponNos: [couponNo], points: 500, walletAmount: 3000, channel: "wechatpay", mode: "native" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      tradeId: expect.stringMatching(/^T\d{17}/),
      orderNo,
      deductMode: "lock",
      status: "PENDING",
      parts: [
        { instrument: "coupon", couponNo, amount: 2000, status: "LOCKED" },
        { instrument: "points", points: 500, amount: 500, status: "LOCKED" },
        { instrument: "wallet", amount: 3000, status: "LOCKED" },
        { instrument: "channel", amount: 14500, status: "PENDING", payOrderNo: expect.stringMatching(/^P/), cashierUrl: expect.stringContaining("/pay/P") },
      ],
    });
    expect(created.json.parts[3].payData).toBeTruthy();
    expect(await kit.balances(id)).toEqual({ wallet: 5000n, walletFrozen: 3000n, points: 1000n, pointsFrozen: 500n });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo } })).status).toBe("LOCKED");
    // the order's own full pay order was closed first, and the order did not move
    const order = await db.order.findUniqueOrThrow({ where: { orderNo }, include: { payOrders: true } });
    expect(order.status).toBe("PENDING_PAYMENT");
    expect(order.payOrders.find((p) => p.purpose === "full")?.status).toBe("CLOSED");
    expect(order.payOrders.find((p) => p.purpose === "trade")).toMatchObject({ amount: 14500n, status: "PENDING", mchOrderNo: `${orderNo}-trade-1` });

    await simulate(created.json.parts[3].payOrderNo, "success");
    await kit.tradeEnds(created.json.tradeId, "SUCCEEDED");
    const got = await api(`/api/v1/trades/${created.json.tradeId}`);
    expect(got.json).toMatchObject({ status: "SUCCEEDED", parts: [{ status: "CONFIRMED" }, { status: "CONFIRMED" }, { status: "CONFIRMED" }, { status: "CONFIRMED" }] });
    expect(await db.order.findUniqueOrThrow({ where: { orderNo } })).toMatchObject({ status: "PAID", paidAmount: 18000n });
    expect(await kit.balances(id)).toEqual({ wallet: 2000n, walletFrozen: 0n, points: 500n, pointsFrozen: 0n });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo } })).status).toBe("USED");
    await kit.expectAssetsMatchJournal(id);
    const events = await db.event.findMany({ where: { orderNo, type: { in: ["trade.succeeded", "order.status_changed"] } } });
    expect(events.map((e) => e.type).sort()).toEqual(["order.status_changed", "trade.succeeded"]);
  });

  it("releases every frozen part when the channel part fails; the order stays payable and a new trade may start", async () => {
    const id = buyer();
    await kit.credit(id, "wallet", 5000n);
    const couponNo = await kit.coupon(id, { type: "percent_off", value: 10 });
    const orderNo = await kit.order(id, 10001);
    const created = await kit.trade(orderNo, { couponNos: [couponNo], walletAmount: 5000, channel: "wechatpay", mode: "native" });
    expect(created.status).toBe(201);
    expect(created.json.parts[0]).toMatchObject({ instrument: "coupon", amount: 1000 }); // 10 % of 100.01, rounded down to the fen
    expect((await kit.trade(orderNo, { walletAmount: 1 })).json.error.code).toBe("TRADE_IN_PROGRESS");

    // the consumer declines; the channel's status (queried by the sync job, run now) ends the attempt, which closes the trade's pay order
    await simulate(created.json.parts[2].payOrderNo, "fail");
    const attempt = await db.payment.findFirstOrThrow({ where: { payOrderNo: created.json.parts[2].payOrderNo } });
    await syncPayment({ attemptNo: attempt.attemptNo, round: 0 });
    await kit.tradeEnds(created.json.tradeId, "FAILED");
    expect((await api(`/api/v1/trades/${created.json.tradeId}`)).json).toMatchObject({ status: "FAILED", parts: [{ status: "RELEASED" }, { status: "RELEASED" }, { status: "RELEASED" }] });
    expect(await kit.balances(id)).toMatchObject({ wallet: 5000n, walletFrozen: 0n });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo } })).status).toBe("AVAILABLE");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("PENDING_PAYMENT");
    expect(await db.event.count({ where: { orderNo, type: "trade.failed" } })).toBe(1);

    const again = await kit.trade(orderNo, { couponNos: [couponNo], walletAmount: 5000, points: 0 });
    expect(again.status).toBe(201);
    expect(again.json.parts.at(-1)).toMatchObject({ instrument: "channel", amount: 4001 });
    await kit.expectAssetsMatchJournal(id);
  });

  it("succeeds in the request when the instruments cover everything", async () => {
    const id = buyer();
    await kit.credit(id, "wallet", 10000n);
    await kit.credit(id, "points", 100n);
    const orderNo = await kit.order(id, 8000);
    const created = await kit.trade(orderNo, { points: 100, walletAmount: 7900 });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: "SUCCEEDED", parts: [{ instrument: "points", status: "CONFIRMED" }, { instrument: "wallet", status: "CONFIRMED" }] });
    expect(await db.order.findUniqueOrThrow({ where: { orderNo } })).toMatchObject({ status: "PAID", paidAmount: 8000n });
    expect(await kit.balances(id)).toEqual({ wallet: 2100n, walletFrozen: 0n, points: 0n, pointsFrozen: 0n });
    await kit.expectAssetsMatchJournal(id);
    // the closed full pay order and no trade pay order
    const payOrders = await db.payOrder.findMany({ where: { orderNo } });
    expect(payOrders.map((p) => [p.purpose, p.status])).toEqual([["full", "CLOSED"]]);
  });

  it("answers the documented 409s with nothing left frozen", async () => {
    const id = buyer();
    await kit.credit(id, "wallet", 1000n);
    await kit.credit(id, "points", 300n);
    const orderNo = await kit.order(id, 10000);
    const other = await kit.coupon(buyer(), { value: 100 });
    const dear = await kit.coupon(id, { value: 100, minSpend: 20000 });
    const expired = await kit.coupon(id, { value: 100, expiresAt: new Date(Date.now() - 1000) });
    const mine = await kit.coupon(id, { value: 100 });

    const refused = async (body: Record<string, unknown>) => (await kit.trade(orderNo, body)).json.error?.code;
    expect(await refused({ walletAmount: 1001 })).toBe("INSUFFICIENT_BALANCE");
    expect(await refused({ points: 400 })).toBe("INSUFFICIENT_POINTS");
    expect(await refused({ couponNos: [other] })).toBe("COUPON_UNAVAILABLE");
    expect(await refused({ couponNos: [dear] })).toBe("COUPON_UNAVAILABLE");
    expect(await refused({ couponNos: [expired] })).toBe("COUPON_UNAVAILABLE");
    expect(await refused({ couponNos: ["NOPE"] })).toBe("COUPON_NOT_FOUND");
    // the wallet is short after the coupon and points were fine: the whole trade is refused
    expect(await refused({ couponNos: [mine], points: 300, walletAmount: 5000 })).toBe("INSUFFICIENT_BALANCE");
    expect(await kit.balances(id)).toEqual({ wallet: 1000n, walletFrozen: 0n, points: 300n, pointsFrozen: 0n });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo: mine } })).status).toBe("AVAILABLE");
    expect(await db.trade.count({ where: { orderNo } })).toBe(0);

    // 400s: amounts that do not fit
    const invalid = await kit.trade(orderNo, { walletAmount: 10001 });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatchObject({ code: "VALIDATION_FAILED", field: "walletAmount" });
    await db.app.update({ where: { id: DEMO_APP.id }, data: { pointsPerYuan: 30 } });
    try {
      expect((await kit.trade(orderNo, { points: 10 })).json.error).toMatchObject({ code: "VALIDATION_FAILED", field: "points" }); // 33.3 fen
    } finally {
      await db.app.update({ where: { id: DEMO_APP.id }, data: { pointsPerYuan: 100 } });
    }
    expect((await kit.trade(orderNo, { couponNos: ["A", "B"] })).status).toBe(400);
    expect((await kit.trade(orderNo, { deductMode: "later" })).status).toBe(400);
    expect((await kit.trade(orderNo, { channel: "wechatpay" })).json.error.field).toBe("mode");
    expect((await kit.trade("O00000000000000000AAAAAAAA", { walletAmount: 1 })).json.error.code).toBe("ORDER_NOT_FOUND");
    const presale = await api("/api/v1/orders", {
      body: {
        sourceOrderNo: `PS-${kit.unique()}`, type: "presale", scene: "mall", buyer: { id }, lines: [{ sku: "SOFA", name: "沙发", quantity: 1, unitPrice: 10000 }], payableAmount: 10000,
        presale: { depositAmount: 1000, balanceDueAt: new Date(Date.now() + 86_400_000).toISOString() },
      },
    });
    expect((await kit.trade(presale.json.orderNo, { walletAmount: 100 })).json.error.code).toBe("INVALID_TRANSITION");
    expect((await api("/api/v1/trades/T00000000000000000AAAAAAAA")).json.error.code).toBe("TRADE_NOT_FOUND");
    expect((await api("/api/v1/trades/nope")).status).toBe(404);
  });

  it("replays the same tradeNo and refuses it with other content; a paid order is not payable by a trade", async () => {
    const id = buyer();
    await kit.credit(id, "wallet", 20000n);
    const orderNo = await kit.order(id, 10000);
    const body = { tradeNo: `TR-${kit.unique()}`, walletAmount: 10000 };
    const first = await kit.trade(orderNo, body);
    const replay = await kit.trade(orderNo, body);
    expect([first.status, replay.status]).toEqual([201, 200]);
    expect(replay.json.tradeId).toBe(first.json.tradeId);
    expect((await kit.trade(orderNo, { ...body, walletAmount: 9000 })).json.error.code).toBe("TRADE_PARAMS_MISMATCH");
    expect((await kit.trade(orderNo, { walletAmount: 1 })).json.error.code).toBe("INVALID_TRANSITION");
    expect(await kit.balances(id)).toMatchObject({ wallet: 10000n, walletFrozen: 0n });
  });
});

describe("on_callback mode (后扣减)", () => {
  it("freezes nothing and deducts when the channel part is paid", async () => {
    const id = buyer();
    await kit.credit(id, "wallet", 3000n);
    await kit.credit(id, "points", 200n);
    const couponNo = await kit.coupon(id, { value: 500 });
    const orderNo = await kit.order(id, 10000);
    const created = await kit.trade(orderNo, { deductMode: "on_callback", couponNos: [couponNo], points: 200, walletAmount: 3000, channel: "wechatpay", mode: "native" });
    expect(created.status).toBe(201);
    expect(created.json.parts.map((p: { status: string }) => p.status)).toEqual(["PENDING", "PENDING", "PENDING", "PENDING"]);
    expect(await kit.balances(id)).toEqual({ wallet: 3000n, walletFrozen: 0n, points: 200n, pointsFrozen: 0n });
    await simulate(created.json.parts[3].payOrderNo, "success");
    await kit.tradeEnds(created.json.tradeId, "SUCCEEDED");
    expect(await kit.balances(id)).toEqual({ wallet: 0n, walletFrozen: 0n, points: 0n, pointsFrozen: 0n });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo } })).status).toBe("USED");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("PAID");
    await kit.expectAssetsMatchJournal(id);
  });

  it("fails when a part can no longer be deducted: what was deducted goes back, the channel part is refunded in full, the order stays payable", async () => {
    const id = buyer();
    await kit.credit(id, "wallet", 3000n);
    const couponNo = await kit.coupon(id, { value: 500 });
    const orderNo = await kit.order(id, 10000);
    const created = await kit.trade(orderNo, { deductMode: "on_callback", couponNos: [couponNo], walletAmount: 3000, channel: "wechatpay", mode: "native" });
    expect(created.status).toBe(201);
    // the wallet is spent elsewhere before the consumer pays
    const spend = await kit.order(id, 3000);
    expect((await kit.trade(spend, { walletAmount: 3000 })).json.status).toBe("SUCCEEDED");

    const channelPayOrder = created.json.parts[2].payOrderNo;
    await simulate(channelPayOrder, "success");
    await kit.tradeEnds(created.json.tradeId, "FAILED");
    const trade = (await api(`/api/v1/trades/${created.json.tradeId}`)).json;
    expect(trade).toMatchObject({ status: "FAILED", failureReason: expect.stringContaining("wallet"), parts: [{ status: "RELEASED" }, { status: "RELEASED" }, { status: "REFUNDED" }] });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo } })).status).toBe("AVAILABLE");
    expect(await db.refund.count({ where: { payOrderNo: channelPayOrder, status: "SUCCEEDED" } })).toBe(1);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: channelPayOrder } })).status).toBe("REFUNDED");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("PENDING_PAYMENT");
    expect(await db.event.count({ where: { orderNo, type: "trade.failed" } })).toBe(1);
    await kit.expectAssetsMatchJournal(id);
    // the failed trade's payment, refunded, counts neither as paid nor as refunded
    expect(await db.order.findUniqueOrThrow({ where: { orderNo } })).toMatchObject({ paidAmount: 0n, refundedAmount: 0n });
  });
});

describe("the order ends while its trade waits", () => {
  it("a cancel closes the trade's pay order and the trade releases its frozen parts; the payment timeout does the same", async () => {
    const id = buyer();
    await kit.credit(id, "wallet", 3000n);
    const couponNo = await kit.coupon(id, { value: 500 });
    const orderNo = await kit.order(id, 10000);
    const created = await kit.trade(orderNo, { couponNos: [couponNo], walletAmount: 3000 });
    expect(created.json.parts.map((p: { status: string }) => p.status)).toEqual(["LOCKED", "LOCKED", "PENDING"]);
    const cancelled = await api(`/api/v1/orders/${orderNo}/cancel`, { body: { reason: "changed my mind" } });
    expect(cancelled.json.status).toBe("CANCELLED");
    await kit.tradeEnds(created.json.tradeId, "FAILED");
    expect(await kit.balances(id)).toMatchObject({ wallet: 3000n, walletFrozen: 0n });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo } })).status).toBe("AVAILABLE");

    const timedOut = await kit.order(id, 10000);
    const second = await kit.trade(timedOut, { walletAmount: 3000 });
    await db.order.update({ where: { orderNo: timedOut }, data: { payBy: new Date(Date.now() - 1000) } });
    expect((await sweepOrderTimeouts()).paymentTimeouts).toBeGreaterThanOrEqual(1);
    await kit.tradeEnds(second.json.tradeId, "FAILED");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: timedOut } })).cancelReason).toBe("payment_timeout");
    expect(await kit.balances(id)).toMatchObject({ wallet: 3000n, walletFrozen: 0n });
    await kit.expectAssetsMatchJournal(id);
  });
});
