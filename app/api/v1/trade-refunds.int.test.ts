import { describe, expect, it } from "vitest";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { db } from "@/server/db";
import { issueAfterSaleRefunds } from "@/server/services/after-sales/issue-after-sale-refunds";
import { applyRefundResult } from "@/server/services/refunds/apply-refund-result";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { startTestWorker } from "@/server/testing/http-harness";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { eventually, expectBalancedJournal, sandboxRefundNotification } from "@/server/testing/payment-fixtures";
import { createTradedOrder, expectBuyerLedgerMatches } from "@/server/testing/trade-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let counter = 0;
const asNo = () => `AS-TR-${Date.now()}-${counter++}`;

// payable 10000: coupon 1000 off, 500 points (= 500 fen at 100 per yuan), wallet 2000, the channel 6500; paid 9000
const FULL = { payable: 10_000, couponValue: 1000, points: 500, wallet: 2000 };

const order = (orderNo: string) => db.order.findUniqueOrThrow({ where: { orderNo } });
const parts = async (tradeId: string) =>
  Object.fromEntries((await db.tradePart.findMany({ where: { tradeId } })).map((p) => [p.instrument, { refunded: p.refundedAmount, status: p.status }]));
const coupon = (couponNo: string) => db.coupon.findUniqueOrThrow({ where: { appId_couponNo: { appId: DEMO_APP.id, couponNo } } });
const balances = async (buyerId: string) => {
  const { balances } = await expectBuyerLedgerMatches(DEMO_APP.id, buyerId);
  return { wallet: balances.wallet.balance, points: balances.points.balance };
};

/** Runs `body` with the job worker stopped: refunds wait, unsent, until it starts again. */
async function withWorkerStopped(body: () => Promise<void>) {
  await env.worker.stop();
  try {
    await body();
  } finally {
    env.worker = await startTestWorker();
  }
}

async function approvedAfterSale(orderNo: string, amount: number) {
  const created = await api(`/api/v1/orders/${orderNo}/after-sales`, { body: { afterSaleNo: asNo(), type: "refund_only", amount, reason: "changed my mind" } });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const approved = await api(`/api/v1/after-sales/${created.json.afterSaleId}/approve`, { method: "POST" });
  expect(approved.status).toBe(200);
  return created.json.afterSaleId as string;
}

const afterSaleRefunded = (afterSaleId: string) =>
  eventually(async () => {
    const got = await api(`/api/v1/after-sales/${afterSaleId}`);
    return got.json.status === "REFUNDED" && got.json;
  });

describe("refunds of a traded order", () => {
  it("a cancel gives back the channel, the wallet and the points exactly, and the coupon once the channel's refund has settled; duplicate settlements change nothing", async () => {
    const traded = await createTradedOrder(api, DEMO_APP.id, FULL);
    expect(await balances(traded.buyerId)).toEqual({ wallet: 0n, points: 0n });
    expect((await order(traded.orderNo)).paidAmount).toBe(9000n);

    await withWorkerStopped(async () => {
      const cancelled = await api(`/api/v1/orders/${traded.orderNo}/cancel`, { body: { reason: "out of stock" } });
      expect([cancelled.status, cancelled.json.status]).toEqual([200, "CANCELLED"]);
      // wallet and points are back at once; the channel's refund is on its way, so the coupon stays used
      expect(cancelled.json.refundedAmount).toBe(2500);
      expect(await balances(traded.buyerId)).toEqual({ wallet: 2000n, points: 500n });
      expect((await coupon(traded.couponNo as string)).status).toBe("USED");
      expect(await parts(traded.tradeId)).toMatchObject({ wallet: { refunded: 2000n, status: "REFUNDED" }, points: { refunded: 500n, status: "REFUNDED" }, channel: { refunded: 0n }, coupon: { refunded: 0n } });
      const refunds = await db.refund.findMany({ where: { orderNo: traded.orderNo } });
      expect(refunds.map((r) => [r.payOrderNo, r.amount, r.status, r.mchRefundNo.startsWith(`${traded.orderNo}-cancel-`)])).toEqual([[traded.channelPayOrderNo, 6500n, "PROCESSING", true]]);
      // cancelling again changes nothing
      const again = await api(`/api/v1/orders/${traded.orderNo}/cancel`, { body: { reason: "again" } });
      expect([again.status, again.json.refundedAmount]).toEqual([200, 2500]);
    });

    const settled = await eventually(async () => {
      const got = await api(`/api/v1/orders/${traded.orderNo}`);
      return got.json.refundedAmount === 9000 && got.json;
    });
    expect(settled.status).toBe("CANCELLED");
    const returned = await coupon(traded.couponNo as string);
    expect([returned.status, returned.tradeId, returned.usedAt]).toEqual(["AVAILABLE", null, null]);
    expect(await parts(traded.tradeId)).toMatchObject({
      channel: { refunded: 6500n, status: "REFUNDED" },
      coupon: { refunded: 1000n, status: "REFUNDED" },
      wallet: { refunded: 2000n },
      points: { refunded: 500n },
    });
    expect(await balances(traded.buyerId)).toEqual({ wallet: 2000n, points: 500n });
    const view = await api(`/api/v1/trades/${traded.tradeId}`);
    expect(view.json.parts.map((p: { instrument: string; refundedAmount?: number }) => [p.instrument, p.refundedAmount])).toEqual([
      ["coupon", 1000],
      ["points", 500],
      ["wallet", 2000],
      ["channel", 6500],
    ]);
    await expectBalancedJournal(traded.channelPayOrderNo as string);
    const refundEntries = await db.journalEntry.findMany({ where: { tradeId: traded.tradeId, kind: { endsWith: "_refund" } }, orderBy: { id: "asc" } });
    expect(refundEntries.map((e) => [e.kind, e.currency, e.amount, e.orderNo])).toEqual([
      ["wallet_refund", "CNY", -2000n, traded.orderNo],
      ["points_refund", "PTS", -500n, traded.orderNo],
    ]);

    // the channel's refund settled once: its genuine notification again, and the settlement applied again, change nothing
    const refund = await db.refund.findFirstOrThrow({ where: { orderNo: traded.orderNo } });
    const genuine = await sandboxRefundNotification(DEMO_APP.id, "wechatpay", refund.refundNo);
    for (let i = 0; i < 2; i++) expect((await fetch(genuine.url, { method: "POST", headers: genuine.headers, body: genuine.body })).status).toBeLessThan(300);
    expect(await applyRefundResult(refund.refundNo, { state: "SUCCEEDED", channelRefundNo: "dup", failureReason: undefined, succeededAt: new Date() })).toEqual({ changed: false });
    expect((await order(traded.orderNo)).refundedAmount).toBe(9000n);
    expect((await parts(traded.tradeId)).channel.refunded).toBe(6500n);
    expect((await coupon(traded.couponNo as string)).status).toBe("AVAILABLE");
    expect(await db.journalEntry.count({ where: { refundNo: refund.refundNo } })).toBe(1);
    expect(await balances(traded.buyerId)).toEqual({ wallet: 2000n, points: 500n });
  }, 60_000);

  it("an after-sale smaller than the channel part is refunded through the channel only", async () => {
    const traded = await createTradedOrder(api, DEMO_APP.id, { ...FULL, status: "SHIPPED" });
    const afterSaleId = await approvedAfterSale(traded.orderNo, 4000);
    expect(await afterSaleRefunded(afterSaleId)).toMatchObject({ refundedAmount: 4000 });
    const refunds = await db.refund.findMany({ where: { afterSaleId } });
    expect(refunds.map((r) => [r.payOrderNo, r.amount, r.status, r.mchRefundNo])).toEqual([[traded.channelPayOrderNo, 4000n, "SUCCEEDED", `${afterSaleId}-1`]]);
    expect(await balances(traded.buyerId)).toEqual({ wallet: 0n, points: 0n });
    expect(await parts(traded.tradeId)).toMatchObject({ channel: { refunded: 4000n, status: "CONFIRMED" }, wallet: { refunded: 0n }, points: { refunded: 0n }, coupon: { refunded: 0n } });
    expect((await order(traded.orderNo)).refundedAmount).toBe(4000n);
    expect((await coupon(traded.couponNo as string)).status).toBe("USED");
  }, 60_000);

  it("an after-sale larger than the channel part takes the channel's rest, then the wallet, then points; REFUNDED when the channel's refund settles", async () => {
    const traded = await createTradedOrder(api, DEMO_APP.id, { ...FULL, deductMode: "on_callback", status: "SHIPPED" });
    let afterSaleId = "";
    await withWorkerStopped(async () => {
      afterSaleId = await approvedAfterSale(traded.orderNo, 8800);
      await issueAfterSaleRefunds(afterSaleId); // the approval's job, run here while the worker is stopped
      const held = await db.afterSale.findUniqueOrThrow({ where: { afterSaleId } });
      expect([held.status, held.refundedAmount]).toEqual(["REFUNDING", 2300n]); // wallet 2000 + points 300 at once
      expect(await balances(traded.buyerId)).toEqual({ wallet: 2000n, points: 300n });
      // running it again (a retried job) places nothing twice
      await Promise.all([issueAfterSaleRefunds(afterSaleId), issueAfterSaleRefunds(afterSaleId)]);
      expect(await balances(traded.buyerId)).toEqual({ wallet: 2000n, points: 300n });
      expect((await db.refund.findMany({ where: { afterSaleId } })).map((r) => [r.amount, r.status])).toEqual([[6500n, "PROCESSING"]]);
    });
    expect(await afterSaleRefunded(afterSaleId)).toMatchObject({ refundedAmount: 8800 });
    expect(await parts(traded.tradeId)).toMatchObject({ channel: { refunded: 6500n }, wallet: { refunded: 2000n }, points: { refunded: 300n, status: "CONFIRMED" }, coupon: { refunded: 0n } });
    expect((await order(traded.orderNo)).refundedAmount).toBe(8800n);
    expect((await coupon(traded.couponNo as string)).status).toBe("USED"); // 200 fen of points are still the buyer's spend
    expect(await db.event.count({ where: { orderNo: traded.orderNo, type: "after_sale.refunded" } })).toBe(1);
    await expectBalancedJournal(traded.channelPayOrderNo as string);
  }, 60_000);

  it("two partial after-sales adding up to the whole: the coupon comes back only with the second; points rounded down, the last gives back the rest", async () => {
    // 150 points per yuan: 750 points are worth 500 fen, 1.5 points a fen
    await db.app.update({ where: { id: DEMO_APP.id }, data: { pointsPerYuan: 150 } });
    invalidateApiApp();
    try {
      const traded = await createTradedOrder(api, DEMO_APP.id, { payable: 10_000, couponValue: 1000, points: 750, wallet: 2000, status: "COMPLETED" });
      // first: the channel's 6500, the wallet's 2000, and 333 fen of points: ⌊333 × 750 / 500⌋ = 499 points
      const first = await approvedAfterSale(traded.orderNo, 8833);
      await afterSaleRefunded(first);
      expect(await balances(traded.buyerId)).toEqual({ wallet: 2000n, points: 499n });
      expect((await coupon(traded.couponNo as string)).status).toBe("USED");
      const tooMuch = await api(`/api/v1/orders/${traded.orderNo}/after-sales`, { body: { afterSaleNo: asNo(), type: "refund_only", amount: 168 } });
      expect([tooMuch.status, tooMuch.json.error?.code]).toEqual([409, "REFUND_EXCEEDS_REFUNDABLE"]);
      // second: the last 167 fen of points give back exactly the rest, 251 points
      const second = await approvedAfterSale(traded.orderNo, 167);
      await afterSaleRefunded(second);
      expect(await balances(traded.buyerId)).toEqual({ wallet: 2000n, points: 750n });
      const returned = await coupon(traded.couponNo as string);
      expect([returned.status, returned.tradeId]).toEqual(["AVAILABLE", null]);
      expect((await order(traded.orderNo)).refundedAmount).toBe(9000n);
      expect(await parts(traded.tradeId)).toMatchObject({ points: { refunded: 500n, status: "REFUNDED" }, coupon: { refunded: 1000n, status: "REFUNDED" } });
    } finally {
      await db.app.update({ where: { id: DEMO_APP.id }, data: { pointsPerYuan: 100 } });
      invalidateApiApp();
    }
  }, 60_000);

  it("an expired coupon comes back EXPIRED", async () => {
    const traded = await createTradedOrder(api, DEMO_APP.id, FULL);
    await db.coupon.update({ where: { appId_couponNo: { appId: DEMO_APP.id, couponNo: traded.couponNo as string } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await api(`/api/v1/orders/${traded.orderNo}/cancel`, { body: {} });
    await eventually(async () => (await order(traded.orderNo)).refundedAmount === 9000n);
    const back = await coupon(traded.couponNo as string);
    expect([back.status, back.tradeId]).toEqual(["EXPIRED", null]);
  }, 60_000);

  it("a channel refund that fails is replaced through the channel, never by the wallet", async () => {
    const traded = await createTradedOrder(api, DEMO_APP.id, { payable: 10_000, wallet: 3000, status: "SHIPPED" });
    let afterSaleId = "";
    await withWorkerStopped(async () => {
      afterSaleId = await approvedAfterSale(traded.orderNo, 8000);
      await issueAfterSaleRefunds(afterSaleId);
      const [first] = await db.refund.findMany({ where: { afterSaleId } });
      expect([first.amount, first.status]).toEqual([7000n, "PROCESSING"]);
      const failed = await api(`/api/v1/sandbox/refunds/${first.refundNo}/simulate`, { body: { outcome: "fail" } });
      expect(failed.status).toBe(202);
    });
    await eventually(async () => (await db.refund.findFirst({ where: { afterSaleId, status: "FAILED" } })) !== null);
    expect(await balances(traded.buyerId)).toEqual({ wallet: 1000n, points: 0n });
    // the replacement (its job waits a minute after a failure: run it now)
    await issueAfterSaleRefunds(afterSaleId);
    expect(await afterSaleRefunded(afterSaleId)).toMatchObject({ refundedAmount: 8000 });
    const refunds = await db.refund.findMany({ where: { afterSaleId }, orderBy: { createdAt: "asc" } });
    expect(refunds.map((r) => [r.mchRefundNo, r.amount, r.status])).toEqual([
      [`${afterSaleId}-1`, 7000n, "FAILED"],
      [`${afterSaleId}-2`, 7000n, "SUCCEEDED"],
    ]);
    expect(await balances(traded.buyerId)).toEqual({ wallet: 1000n, points: 0n });
    expect((await order(traded.orderNo)).refundedAmount).toBe(8000n);
  }, 60_000);

  it("children of a split traded order are cancelled from the parent's trade: channel first, then wallet and points; the coupon when both are back", async () => {
    const lines = [{ sku: "SOFA-3", quantity: 1, unitPrice: 6000 }, { sku: "LAMP-1", quantity: 2, unitPrice: 2000 }];
    const traded = await createTradedOrder(api, DEMO_APP.id, { ...FULL, lines });
    const split = await api(`/api/v1/orders/${traded.orderNo}/split`, { body: { parts: [{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 2 }] }] } });
    expect(split.status).toBe(200);
    const [first, second] = await Promise.all((split.json.childOrderNos as string[]).map(order));
    expect(first.paidAmount + second.paidAmount).toBe(9000n);

    expect((await api(`/api/v1/orders/${first.orderNo}/cancel`, { body: {} })).status).toBe(200);
    await eventually(async () => (await order(first.orderNo)).refundedAmount === first.paidAmount);
    expect(await balances(traded.buyerId)).toEqual({ wallet: 0n, points: 0n }); // the channel had enough
    expect((await coupon(traded.couponNo as string)).status).toBe("USED");

    expect((await api(`/api/v1/orders/${second.orderNo}/cancel`, { body: {} })).status).toBe(200);
    await eventually(async () => (await order(second.orderNo)).refundedAmount === second.paidAmount);
    expect(await balances(traded.buyerId)).toEqual({ wallet: 2000n, points: 500n });
    const refunds = await db.refund.findMany({ where: { payOrderNo: traded.channelPayOrderNo as string }, orderBy: { createdAt: "asc" } });
    expect(refunds.map((r) => [r.orderNo, r.amount, r.status])).toEqual([
      [first.orderNo, first.paidAmount, "SUCCEEDED"],
      [second.orderNo, 6500n - first.paidAmount, "SUCCEEDED"],
    ]);
    await eventually(async () => (await coupon(traded.couponNo as string)).status === "AVAILABLE");
    expect(await parts(traded.tradeId)).toMatchObject({ channel: { refunded: 6500n }, wallet: { refunded: 2000n }, points: { refunded: 500n }, coupon: { refunded: 1000n } });
  }, 60_000);

  it("a trade without a channel part: a cancel gives back wallet and points at once with the coupon; a coupon that paid everything comes back alone", async () => {
    const traded = await createTradedOrder(api, DEMO_APP.id, { payable: 3000, couponValue: 500, points: 1000, wallet: 1500 });
    expect(traded.channelPayOrderNo).toBeNull();
    expect((await order(traded.orderNo)).paidAmount).toBe(2500n);
    const cancelled = await api(`/api/v1/orders/${traded.orderNo}/cancel`, { body: {} });
    expect([cancelled.status, cancelled.json.refundedAmount]).toEqual([200, 2500]);
    expect(await balances(traded.buyerId)).toEqual({ wallet: 1500n, points: 1000n });
    expect((await coupon(traded.couponNo as string)).status).toBe("AVAILABLE");
    expect(await db.refund.count({ where: { orderNo: traded.orderNo } })).toBe(0);

    const free = await createTradedOrder(api, DEMO_APP.id, { payable: 800, couponValue: 800 });
    expect((await order(free.orderNo)).paidAmount).toBe(0n);
    expect((await coupon(free.couponNo as string)).status).toBe("USED");
    expect((await api(`/api/v1/orders/${free.orderNo}/cancel`, { body: {} })).status).toBe(200);
    expect((await coupon(free.couponNo as string)).status).toBe("AVAILABLE");
    expect(await parts(free.tradeId)).toEqual({ coupon: { refunded: 800n, status: "REFUNDED" } });
  }, 60_000);

  it("three after-sales approved at once share the parts exactly: the channel's 6500, then the wallet's 2000 and the points' 500, the coupon back once", async () => {
    const traded = await createTradedOrder(api, DEMO_APP.id, { ...FULL, status: "SHIPPED" });
    const ids = await Promise.all([3000, 3000, 3000].map(async (amount) => {
      const created = await api(`/api/v1/orders/${traded.orderNo}/after-sales`, { body: { afterSaleNo: asNo(), type: "refund_only", amount } });
      expect(created.status).toBe(201);
      return created.json.afterSaleId as string;
    }));
    await Promise.all(ids.map((id) => api(`/api/v1/after-sales/${id}/approve`, { method: "POST" })));
    await Promise.all(ids.map((id) => Promise.all([issueAfterSaleRefunds(id), issueAfterSaleRefunds(id)]))); // the jobs, and a second run of each, racing
    for (const id of ids) await afterSaleRefunded(id);
    expect(await balances(traded.buyerId)).toEqual({ wallet: 2000n, points: 500n });
    const refunds = await db.refund.findMany({ where: { orderNo: traded.orderNo } });
    expect(refunds.every((r) => r.status === "SUCCEEDED")).toBe(true);
    expect(refunds.reduce((sum, r) => sum + r.amount, 0n)).toBe(6500n);
    expect((await order(traded.orderNo)).refundedAmount).toBe(9000n);
    expect(await parts(traded.tradeId)).toMatchObject({ channel: { refunded: 6500n }, wallet: { refunded: 2000n }, points: { refunded: 500n }, coupon: { refunded: 1000n } });
    expect((await coupon(traded.couponNo as string)).status).toBe("AVAILABLE");
    const entries = await db.journalEntry.findMany({ where: { tradeId: traded.tradeId, kind: { endsWith: "_refund" } } });
    const total = (kind: string) => entries.filter((e) => e.kind === kind).reduce((sum, e) => sum + e.amount, 0n);
    expect([total("wallet_refund"), total("points_refund")]).toEqual([-2000n, -500n]);
    await expectBalancedJournal(traded.channelPayOrderNo as string);
  }, 60_000);
});
