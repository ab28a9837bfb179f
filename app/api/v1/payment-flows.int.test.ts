import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { settleTrade } from "@/server/sandbox/trades";
import { expireOrder } from "@/server/services/payments/expire-pay-order";
import { runExpireSweep, sweepExpiredOrders } from "@/server/services/payments/expire-sweep";
import { resetEnvCache } from "@/server/env";
import { startTestWorker } from "@/server/testing/http-harness";
import { syncPayment } from "@/server/services/payments/sync-payment";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, openApiClient } from "@/server/testing/open-api-client";
import { eventually, expectBalancedJournal, sandboxMerchantFor, sandboxPaymentNotification, setFaults } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv(async () => {
  await db.app.update({ where: { id: DEMO_APP.id }, data: { repeatGuardSeconds: 0 } });
  invalidateApiApp();
});
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let counter = 0;
const newOrder = (over: Record<string, unknown> = {}) => ({ mchOrderNo: `PF${Date.now()}${counter++}`, amount: 12800, subject: "Sofa deposit", ...over });

async function orderOf(payOrderNo: string) {
  return (await api(`/api/v1/pay-orders/${payOrderNo}`)).json;
}

describe("paying an order end to end through the sandbox", () => {
  it("WeChat Pay native: QR, simulated payment, signed encrypted callback, PAID once", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder({ channel: "wechatpay", mode: "native" }) });
    expect(created.status).toBe(201);
    expect(created.json.payData).toMatchObject({ type: "qr_code" });
    expect(created.json.attempts).toEqual([expect.objectContaining({ attemptNo: `${created.json.payOrderNo}-1`, channel: "wechatpay", status: "PROCESSING" })]);

    const simulated = await api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
    expect(simulated.status).toBe(202);
    const paid = await eventually(async () => {
      const order = await orderOf(created.json.payOrderNo);
      return order.status === "PAID" && order;
    });
    expect(paid).toMatchObject({ paidAmount: 12800, refundedAmount: 0, channel: "wechatpay" });
    expect(paid.channelTradeNo).toBeTruthy();
    const entries = await expectBalancedJournal(created.json.payOrderNo);
    expect(entries).toHaveLength(1);
    expect(await db.event.count({ where: { payOrderNo: created.json.payOrderNo, type: "pay_order.succeeded" } })).toBe(1);
    const notification = await db.channelNotification.findFirstOrThrow({ where: { attemptNo: paid.attempts[0].attemptNo } });
    expect(notification.result).toBe("ACCEPTED");
  });

  it("Alipay QR: the same, with yuan on the wire and fen here", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder({ channel: "alipay", mode: "qr", amount: 1999 }) });
    expect(created.status).toBe(201);
    expect(created.json.payData).toMatchObject({ type: "qr_code" });
    await api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
    const paid = await eventually(async () => {
      const order = await orderOf(created.json.payOrderNo);
      return order.status === "PAID" && order;
    });
    expect(paid.paidAmount).toBe(1999);
    await expectBalancedJournal(created.json.payOrderNo);
  });

  it("a cashier order simulated with a channel and mode gets its first attempt from the sandbox call", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder() });
    const missing = await api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
    expect([missing.status, missing.json.error.field]).toEqual([400, "channel"]);
    const simulated = await api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success", channel: "alipay", mode: "pc" } });
    expect(simulated.status).toBe(202);
    await eventually(async () => (await orderOf(created.json.payOrderNo)).status === "PAID");
  });
});

describe("callbacks", () => {
  it("100 concurrent identical callbacks give one state change, one journal entry and one event", async () => {
    await setFaults(DEMO_APP.id, "wechatpay", { dropNotifications: true });
    const created = await api("/api/v1/pay-orders", { body: newOrder({ channel: "wechatpay", mode: "native" }) });
    const attemptNo = `${created.json.payOrderNo}-1`;
    const merchant = await sandboxMerchantFor(DEMO_APP.id, "wechatpay");
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo: attemptNo } });
    await settleTrade(trade.id, "success");
    const notification = await sandboxPaymentNotification(DEMO_APP.id, "wechatpay", attemptNo);
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => fetch(notification.url, { method: "POST", headers: notification.headers, body: notification.body }).then((r) => r.status)),
    );
    expect(new Set(answers)).toEqual(new Set([204]));
    expect((await orderOf(created.json.payOrderNo)).status).toBe("PAID");
    expect(await db.journalEntry.count({ where: { payOrderNo: created.json.payOrderNo } })).toBe(1);
    expect(await db.event.count({ where: { payOrderNo: created.json.payOrderNo } })).toBe(1);
    expect(await db.channelNotification.count({ where: { attemptNo } })).toBe(100);
    await setFaults(DEMO_APP.id, "wechatpay", {});
  });

  it("a tampered signature, amount or app id is recorded, refused, and never paid", async () => {
    await setFaults(DEMO_APP.id, "alipay", { dropNotifications: true });
    const created = await api("/api/v1/pay-orders", { body: newOrder({ channel: "alipay", mode: "qr" }) });
    const attemptNo = `${created.json.payOrderNo}-1`;
    const merchant = await sandboxMerchantFor(DEMO_APP.id, "alipay");
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo: attemptNo } });
    await settleTrade(trade.id, "success");
    const genuine = await sandboxPaymentNotification(DEMO_APP.id, "alipay", attemptNo);
    const post = (body: string) => fetch(genuine.url, { method: "POST", headers: genuine.headers, body });

    const tamperedAmount = genuine.body.replace(/total_amount=[^&]+/, "total_amount=0.01");
    expect((await post(tamperedAmount)).status).toBeGreaterThanOrEqual(400);
    const tamperedSign = genuine.body.replace(/sign=([^&]{10})/, "sign=AAAAAAAAAA");
    expect((await post(tamperedSign)).status).toBeGreaterThanOrEqual(400);
    expect((await orderOf(created.json.payOrderNo)).status).toBe("PENDING");
    const refused = await db.channelNotification.findMany({ where: { channel: "alipay", result: { not: "ACCEPTED" } } });
    expect(refused.map((n) => n.result)).toEqual(expect.arrayContaining(["INVALID_SIGNATURE"]));

    // the genuine one still pays
    expect((await post(genuine.body)).status).toBe(200);
    expect((await orderOf(created.json.payOrderNo)).status).toBe("PAID");
    await setFaults(DEMO_APP.id, "alipay", {});
  });
});

describe("status sync and expiry", () => {
  it("recovers a lost callback by querying the channel", async () => {
    await setFaults(DEMO_APP.id, "wechatpay", { dropNotifications: true });
    const created = await api("/api/v1/pay-orders", { body: newOrder({ channel: "wechatpay", mode: "native" }) });
    await api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await orderOf(created.json.payOrderNo)).status).toBe("PENDING");
    await syncPayment({ attemptNo: `${created.json.payOrderNo}-1`, round: 0 });
    expect((await orderOf(created.json.payOrderNo)).status).toBe("PAID");
    await setFaults(DEMO_APP.id, "wechatpay", {});
  });

  it("leaves a timed-out attempt UNKNOWN, never failed, until the channel says", async () => {
    await setFaults(DEMO_APP.id, "wechatpay", { timeoutPerMille: 1000 });
    const created = await api("/api/v1/pay-orders", { body: newOrder({ channel: "wechatpay", mode: "native" }) });
    expect([created.status, created.json.error.code]).toEqual([502, "CHANNEL_ERROR"]);
    await setFaults(DEMO_APP.id, "wechatpay", {});
    const order = await db.payOrder.findFirstOrThrow({ where: { appId: DEMO_APP.id }, orderBy: { createdAt: "desc" } });
    const attempt = await db.payment.findFirstOrThrow({ where: { payOrderNo: order.payOrderNo } });
    expect(attempt.status).toBe("UNKNOWN");
    await syncPayment({ attemptNo: attempt.attemptNo, round: 0 });
    expect((await db.payment.findUniqueOrThrow({ where: { attemptNo: attempt.attemptNo } })).status).toBe("UNKNOWN");
    await expireOrder(order.payOrderNo);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: order.payOrderNo } })).status).toBe("CLOSED");
  }, 30_000);

  it("a new order adds no job; once it is due, the sweep queues its expiry once and the order closes", async () => {
    const body = newOrder({ expireInSeconds: 600, metadata: { cart: "42" } });
    const created = await api("/api/v1/pay-orders", { body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: "PENDING", amount: 12800, metadata: { cart: "42" }, attempts: [] });
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } });
    expect(order.expiresAt.getTime() - order.createdAt.getTime()).toBe(600_000);
    const jobs = () =>
      db.$queryRaw<{ task_identifier: string }[]>`SELECT task_identifier FROM graphile_worker.jobs WHERE key = ${`expire-order:${order.payOrderNo}`}`;
    expect(await jobs()).toEqual([]);

    const repeated = await api("/api/v1/pay-orders", { body });
    expect([repeated.status, repeated.json.payOrderNo]).toEqual([200, order.payOrderNo]);
    expect(await db.payOrder.count({ where: { appId: DEMO_APP.id, mchOrderNo: body.mchOrderNo } })).toBe(1);

    // not due yet: the sweep leaves it alone
    await sweepExpiredOrders();
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: order.payOrderNo } })).status).toBe("PENDING");
    // due: queued once, however often the sweep runs before the job does, then closed by the worker
    const later = new Date(order.expiresAt.getTime() + 1000);
    await env.worker.stop();
    try {
      expect(await sweepExpiredOrders(later)).toBeGreaterThanOrEqual(1);
      await sweepExpiredOrders(later);
      expect(await jobs()).toHaveLength(1);
    } finally {
      env.worker = await startTestWorker();
    }
    await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: order.payOrderNo } })).status === "CLOSED");
  });

  it("the sweep job keeps one chain of itself, EXPIRY_SWEEP_SECONDS apart", async () => {
    const sweepJobs = () =>
      db.$queryRaw<{ run_at: Date }[]>`SELECT run_at FROM graphile_worker.jobs WHERE key = 'expire-sweep'`;
    await env.worker.stop();
    process.env.EXPIRY_SWEEP_SECONDS = "30";
    resetEnvCache();
    try {
      await runExpireSweep();
      await runExpireSweep();
      const chain = await sweepJobs();
      expect(chain).toHaveLength(1);
      expect(chain[0]!.run_at.getTime() - Date.now()).toBeGreaterThan(25_000);
    } finally {
      process.env.EXPIRY_SWEEP_SECONDS = "0";
      resetEnvCache();
      await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = 'expire-sweep'`;
      env.worker = await startTestWorker();
    }
  });

  it("expiry closes the trade at the channel, then the order, with pay_order.closed", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder({ channel: "wechatpay", mode: "native" }) });
    await expireOrder(created.json.payOrderNo);
    const order = await orderOf(created.json.payOrderNo);
    expect(order.status).toBe("CLOSED");
    expect(order.attempts[0].status).toBe("CLOSED");
    const merchant = await sandboxMerchantFor(DEMO_APP.id, "wechatpay");
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo: order.attempts[0].attemptNo } });
    expect(trade.state).toBe("CLOSED");
    expect(await db.event.count({ where: { payOrderNo: order.payOrderNo, type: "pay_order.closed" } })).toBe(1);
    const late = await api(`/api/v1/sandbox/pay-orders/${order.payOrderNo}/simulate`, { body: { outcome: "success" } });
    expect([late.status, late.json.error.code]).toEqual([409, "ORDER_CLOSED"]);
  });
});

describe("a consumer who pays twice", () => {
  it("keeps the first payment and refunds the second automatically", async () => {
    await setFaults(DEMO_APP.id, "wechatpay", { dropNotifications: true });
    await setFaults(DEMO_APP.id, "alipay", { dropNotifications: true });
    const body = newOrder({ channel: "wechatpay", mode: "native" });
    const first = await api("/api/v1/pay-orders", { body });
    const second = await api("/api/v1/pay-orders", { body: { ...body, channel: "alipay", mode: "qr" } });
    expect(second.status).toBe(200);
    expect(second.json.attempts).toHaveLength(2);
    const payOrderNo = first.json.payOrderNo;

    // both trades paid at their channels before the superseded one could be closed
    for (const [channel, seq] of [["wechatpay", 1], ["alipay", 2]] as const) {
      const merchant = await sandboxMerchantFor(DEMO_APP.id, channel);
      const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo: `${payOrderNo}-${seq}` } });
      await settleTrade(trade.id, "success");
    }
    for (const [channel, seq] of [["wechatpay", 1], ["alipay", 2]] as const) {
      const n = await sandboxPaymentNotification(DEMO_APP.id, channel, `${payOrderNo}-${seq}`);
      const response = await fetch(n.url, { method: "POST", headers: n.headers, body: n.body });
      expect(response.status).toBeLessThan(300);
    }
    const refund = await eventually(() => db.refund.findFirst({ where: { payOrderNo, kind: "DUPLICATE_PAYMENT", status: "SUCCEEDED" } }), 20_000);
    expect(refund).toMatchObject({ attemptNo: `${payOrderNo}-2`, amount: 12800n });
    const order = await orderOf(payOrderNo);
    expect(order).toMatchObject({ status: "PAID", paidAmount: 12800, refundedAmount: 0 });
    expect((await db.payment.findUniqueOrThrow({ where: { attemptNo: `${payOrderNo}-2` } })).duplicate).toBe(true);
    const entries = await expectBalancedJournal(payOrderNo);
    expect(entries.map((e) => e.kind).sort()).toEqual(["duplicate_refund", "payment", "payment"]);
    expect(await db.event.count({ where: { payOrderNo, type: "pay_order.succeeded" } })).toBe(1);
    await setFaults(DEMO_APP.id, "wechatpay", {});
    await setFaults(DEMO_APP.id, "alipay", {});
  }, 40_000);
});
