import { describe, expect, it } from "vitest";
import superjson from "superjson";
import { db } from "@/server/db";
import type { ClientDevice } from "@/server/domain/user-agent";
import { moveAsset } from "@/server/services/trades/buyer-assets";
import { callerAs } from "@/server/testing/callers";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { expectAssetsMatchJournal, fundWallet, grantPoints, issueCoupon } from "@/server/testing/asset-fixtures";
import { getCashierAssets } from "./get-cashier-assets";
import { getCashierOrder } from "./get-cashier-order";
import { getCashierTrade } from "./get-cashier-trade";
import { payCashierTrade, type PayCashierTradeInput } from "./pay-cashier-trade";

const DESKTOP: ClientDevice = { kind: "desktop", app: null };
const env = useDemoPaymentEnv();
let counter = 0;
const unique = () => `${Date.now().toString(36)}${process.pid}${counter++}`;

async function merchantId(): Promise<string> {
  return (await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id }, select: { merchantId: true } })).merchantId;
}

/** An order pushed through the Open API, unpaid: its `full` pay order is the cashier's page. */
async function newOrder(buyer: { id: string; name?: string }, payable = 12_800) {
  const created = await env.api("/api/v1/orders", {
    body: {
      sourceOrderNo: `CT-${unique()}`,
      type: "standard",
      scene: "mall",
      storeId: "S01",
      buyer: { ...buyer, phone: "13800138000" },
      lines: [{ sku: "SOFA-3", name: "布艺沙发", quantity: 1, unitPrice: payable }],
      discountAmount: 0,
      shippingAmount: 0,
      payableAmount: payable,
    },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return { orderNo: created.json.orderNo as string, payOrderNo: created.json.payments[0].payOrderNo as string };
}

async function credit(buyerId: string, asset: "wallet" | "points", amount: bigint) {
  const mchId = await merchantId();
  await db.$transaction((tx) =>
    moveAsset(tx, { merchantId: mchId, appId: DEMO_APP.id, buyerId, asset, op: asset === "wallet" ? "top_up" : "grant", amount, dedupeKey: `cashier-test:${unique()}` }),
  );
}

async function freeze(buyerId: string, asset: "wallet" | "points", amount: bigint) {
  const mchId = await merchantId();
  const done = await db.$transaction((tx) => moveAsset(tx, { merchantId: mchId, appId: DEMO_APP.id, buyerId, asset, op: "freeze", amount, dedupeKey: `cashier-test:${unique()}` }));
  expect(done).toBe(true);
}

type CouponSpec = { buyerId: string; type?: "amount_off" | "percent_off"; value: bigint; minSpend?: bigint; expiresAt?: Date; status?: "AVAILABLE" | "LOCKED" | "USED" | "EXPIRED"; appId?: string };

async function coupon(spec: CouponSpec): Promise<string> {
  const couponNo = `C${unique()}`;
  await db.coupon.create({
    data: {
      appId: spec.appId ?? DEMO_APP.id,
      merchantId: await merchantId(),
      couponNo,
      buyerId: spec.buyerId,
      type: spec.type ?? "amount_off",
      value: spec.value,
      minSpend: spec.minSpend ?? 0n,
      expiresAt: spec.expiresAt ?? new Date(Date.now() + 86_400_000),
      status: spec.status ?? "AVAILABLE",
      paramsHash: "cashier-test",
    },
  });
  return couponNo;
}

describe("the buyer's assets in the cashier of an order", () => {
  it("are the order's buyer's only: usable coupons of the order's app with their discount, spendable points and wallet", async () => {
    const buyer = `CT-A-${unique()}`;
    const other = `CT-B-${unique()}`;
    const { payOrderNo } = await newOrder({ id: buyer, name: "张小三" });
    const best = await coupon({ buyerId: buyer, value: 2_000n, minSpend: 10_000n });
    const percent = await coupon({ buyerId: buyer, type: "percent_off", value: 10n });
    const soonerOfTwo = await coupon({ buyerId: buyer, value: 500n, expiresAt: new Date(Date.now() + 3_600_000) });
    const laterOfTwo = await coupon({ buyerId: buyer, value: 500n });
    await coupon({ buyerId: buyer, value: 9_000n, minSpend: 20_000n }); // minimum spend not met
    await coupon({ buyerId: buyer, value: 9_000n, expiresAt: new Date(Date.now() - 1_000) }); // expired, not yet swept
    await coupon({ buyerId: buyer, value: 9_000n, status: "LOCKED" });
    await coupon({ buyerId: buyer, value: 9_000n, status: "USED" });
    await coupon({ buyerId: buyer, value: 9_000n, appId: "app_TESTOTHER0000009" }); // another app of the merchant
    await coupon({ buyerId: other, value: 9_000n });
    await credit(buyer, "points", 1_500n);
    await freeze(buyer, "points", 300n);
    await credit(buyer, "wallet", 5_000n);
    await freeze(buyer, "wallet", 1_000n);
    await credit(other, "points", 99_999n);
    await credit(other, "wallet", 99_999n);

    const assets = await getCashierAssets({ payOrderNo });
    expect(assets).toEqual({
      buyer: "张*三",
      payable: 12_800n,
      currency: "CNY",
      pointsPerYuan: 100,
      wallet: { spendable: 4_000n },
      points: { spendable: 1_200n, worth: 1_200n },
      coupons: [
        expect.objectContaining({ couponNo: best, type: "amount_off", value: 2_000n, minSpend: 10_000n, discount: 2_000n }),
        expect.objectContaining({ couponNo: percent, type: "percent_off", value: 10n, discount: 1_280n }),
        expect.objectContaining({ couponNo: soonerOfTwo, discount: 500n }),
        expect.objectContaining({ couponNo: laterOfTwo, discount: 500n }),
      ],
    });

    // as the page receives it: nothing of the buyer but the masked name
    const wire = JSON.stringify(superjson.serialize(await (await callerAs(null)).cashier.assets({ payOrderNo })));
    expect(wire).not.toContain(buyer);
    expect(wire).not.toContain("138");
    expect(wire).not.toContain("张小三");
    expect(wire).toContain("张*三");

    const view = await getCashierOrder({ payOrderNo, device: DESKTOP });
    expect(view).toMatchObject({ kind: "order", phase: "payable", order: { tradeable: true, payOrderNo }, trade: null });
  });

  it("a buyer with nothing: zeros and no coupons; the points' worth at the app's rate, rounded down", async () => {
    const buyer = `CT-C-${unique()}`;
    const { payOrderNo } = await newOrder({ id: buyer });
    expect(await getCashierAssets({ payOrderNo })).toMatchObject({ buyer: expect.stringMatching(/^CT\*\*\*/), wallet: { spendable: 0n }, points: { spendable: 0n, worth: 0n }, coupons: [] });
    const app = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id }, select: { pointsPerYuan: true } });
    try {
      await db.app.update({ where: { id: DEMO_APP.id }, data: { pointsPerYuan: 300 } });
      await credit(buyer, "points", 1_000n);
      expect(await getCashierAssets({ payOrderNo })).toMatchObject({ pointsPerYuan: 300, points: { spendable: 1_000n, worth: 333n } });
    } finally {
      await db.app.update({ where: { id: DEMO_APP.id }, data: { pointsPerYuan: app.pointsPerYuan } });
    }
  });

  it("are offered only on an order's own pay order while the order can be paid", async () => {
    // a plain pay order (no order center): no assets, the usual cashier
    const plain = await env.api("/api/v1/pay-orders", { body: { mchOrderNo: `CTP${unique()}`, amount: 12_800, subject: "Sofa deposit" } });
    expect(plain.status).toBe(201);
    expect(await getCashierAssets({ payOrderNo: plain.json.payOrderNo })).toBeNull();
    expect(await getCashierOrder({ payOrderNo: plain.json.payOrderNo, device: DESKTOP })).toMatchObject({ kind: "payment", order: null, trade: null });

    // a top-up: worded as one, no assets
    const topUp = await env.api(`/api/v1/buyers/CT-TOPUP/wallet/top-ups`, { body: { topUpNo: `TU${unique()}`, amount: 10_000 } });
    expect(topUp.status, JSON.stringify(topUp.json)).toBe(201);
    expect(await getCashierOrder({ payOrderNo: topUp.json.payOrderNo, device: DESKTOP })).toMatchObject({ kind: "top_up", order: null, trade: null, phase: "payable" });
    expect(await getCashierAssets({ payOrderNo: topUp.json.payOrderNo })).toBeNull();

    // paid with a channel as usual: no more assets, the receipt
    const buyer = `CT-D-${unique()}`;
    await credit(buyer, "wallet", 5_000n);
    const { orderNo, payOrderNo } = await newOrder({ id: buyer });
    expect(await getCashierAssets({ payOrderNo })).not.toBeNull();
    await env.api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
    await eventually(async () => (await db.order.findUniqueOrThrow({ where: { orderNo } })).status === "PAID");
    expect(await getCashierAssets({ payOrderNo })).toBeNull();
    expect(await getCashierOrder({ payOrderNo, device: DESKTOP })).toMatchObject({ kind: "order", phase: "paid", order: { tradeable: false } });

    // cancelled by the business: none either
    const cancelled = await newOrder({ id: buyer });
    const cancel = await env.api(`/api/v1/orders/${cancelled.orderNo}/cancel`, { body: { reason: "buyer_request" } });
    expect(cancel.status, JSON.stringify(cancel.json)).toBe(200);
    expect(await getCashierAssets({ payOrderNo: cancelled.payOrderNo })).toBeNull();

    await expect(getCashierAssets({ payOrderNo: "P00000000000000000NOPE0000" })).rejects.toMatchObject({ code: "ORDER_NOT_FOUND" });
  });
});

const tradeNo = () => `cashier-${unique().replace(/[^A-Za-z0-9]/g, "").padEnd(24, "x")}`;
const payTrade = (input: Partial<PayCashierTradeInput> & { payOrderNo: string }) =>
  payCashierTrade({ tradeNo: tradeNo(), couponNo: null, points: 0n, walletAmount: 0n, ...input });

/** A buyer with a 20-yuan coupon (minimum 100), 1,500 points and 50 yuan in the wallet, and their 128-yuan order. */
async function richBuyer() {
  const buyerId = `CT-R-${unique()}`;
  const { couponNo } = await issueCoupon(env.api, buyerId, { value: 2_000, minSpend: 10_000 });
  await grantPoints(env.api, buyerId, 1_500);
  await fundWallet(env.api, buyerId, 5_000);
  const order = await newOrder({ id: buyerId, name: "李小龙" });
  return { buyerId, couponNo, ...order };
}

async function balances(buyerId: string) {
  const account = await db.buyerAccount.findUniqueOrThrow({ where: { merchantId_buyerId: { merchantId: await merchantId(), buyerId } } });
  return { wallet: [account.walletBalance, account.walletFrozen], points: [account.pointsBalance, account.pointsFrozen] };
}

describe("paying an order with coupon, points and wallet in the cashier", () => {
  it("freezes them in a lock-mode trade whose channel part has its own cashier; paid there, the trade succeeds and the order is PAID", async () => {
    const { buyerId, couponNo, orderNo, payOrderNo } = await richBuyer();
    const input = { payOrderNo, tradeNo: tradeNo(), couponNo, points: 500n, walletAmount: 1_000n };
    // a double click, or a resend of the same submission: one trade
    const [first, second] = await Promise.all([payCashierTrade(input), payCashierTrade(input)]);
    expect(second).toEqual(first);
    expect(await payCashierTrade(input)).toEqual(first);
    expect(first).toMatchObject({ status: "PENDING", payableAmount: 12_800n, couponAmount: 2_000n, points: 500n, pointsAmount: 500n, walletAmount: 1_000n, channelAmount: 9_300n });
    const trades = await db.trade.findMany({ where: { orderNo } });
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ source: "cashier", deductMode: "lock", tradeNo: input.tradeNo, buyerId });
    expect(await balances(buyerId)).toEqual({ wallet: [5_000n, 1_000n], points: [1_500n, 500n] });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo } })).status).toBe("LOCKED");

    // the order's page: a trade under way, no assets; the channel part's page: the breakdown above the channels
    const channelPayOrderNo = first.channelPayOrderNo as string;
    expect(await getCashierOrder({ payOrderNo, device: DESKTOP })).toMatchObject({ kind: "order", phase: "closed", order: { tradeable: false }, trade: first });
    expect(await getCashierAssets({ payOrderNo })).toBeNull();
    const channelView = await getCashierOrder({ payOrderNo: channelPayOrderNo, device: DESKTOP });
    expect(channelView).toMatchObject({ kind: "trade", phase: "payable", amount: 9_300n, trade: first, order: { tradeable: false, payOrderNo } });
    expect(channelView.channels.length).toBeGreaterThan(0);
    await expect(payCashierTrade({ ...input, payOrderNo: channelPayOrderNo, tradeNo: tradeNo() })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });

    const paid = await env.api(`/api/v1/sandbox/pay-orders/${channelPayOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
    expect(paid.status).toBe(202);
    const ended = await eventually(async () => {
      const trade = await getCashierTrade({ payOrderNo: channelPayOrderNo });
      return trade?.status === "SUCCEEDED" && trade;
    }, 30_000);
    expect(ended).toMatchObject({ channelPayOrderNo, channelAmount: 9_300n });
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("PAID");
    expect(await getCashierOrder({ payOrderNo, device: DESKTOP })).toMatchObject({ kind: "order", trade: { status: "SUCCEEDED" }, order: { tradeable: false } });
    expect(await getCashierTrade({ payOrderNo })).toMatchObject({ status: "SUCCEEDED" });
    expect(await balances(buyerId)).toEqual({ wallet: [4_000n, 0n], points: [1_000n, 0n] });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo } })).status).toBe("USED");
    await expectAssetsMatchJournal(await merchantId(), buyerId);
  });

  it("covered in full: the trade succeeds in the request, no channel part, the order PAID", async () => {
    const { buyerId, couponNo, orderNo, payOrderNo } = await richBuyer();
    await fundWallet(env.api, buyerId, 10_000);
    const trade = await payTrade({ payOrderNo, couponNo, points: 800n, walletAmount: 10_000n });
    expect(trade).toMatchObject({ status: "SUCCEEDED", couponAmount: 2_000n, pointsAmount: 800n, walletAmount: 10_000n, channelAmount: 0n, channelPayOrderNo: null });
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("PAID");
    expect(await getCashierOrder({ payOrderNo, device: DESKTOP })).toMatchObject({ kind: "order", trade: { status: "SUCCEEDED" } });
    expect(await balances(buyerId)).toEqual({ wallet: [5_000n, 0n], points: [700n, 0n] });
    await expectAssetsMatchJournal(await merchantId(), buyerId);
  });

  it("refusals are the documented codes and freeze nothing", async () => {
    const { buyerId, couponNo, orderNo, payOrderNo } = await richBuyer();
    // the same coupon spent on the buyer's other order first (through the Open API)
    const other = await newOrder({ id: buyerId });
    const elsewhere = await env.api(`/api/v1/orders/${other.orderNo}/trades`, { body: { tradeNo: `TR${unique()}`, deductMode: "lock", couponNos: [couponNo] } });
    expect(elsewhere.status, JSON.stringify(elsewhere.json)).toBe(201);
    const before = await balances(buyerId);

    await expect(payTrade({ payOrderNo, couponNo })).rejects.toMatchObject({ code: "COUPON_UNAVAILABLE" });
    await expect(payTrade({ payOrderNo, points: 2_000n })).rejects.toMatchObject({ code: "INSUFFICIENT_POINTS" });
    await expect(payTrade({ payOrderNo, walletAmount: 5_001n })).rejects.toMatchObject({ code: "INSUFFICIENT_BALANCE" });
    await expect(payTrade({ payOrderNo, points: 1_300_000n })).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "points" });
    await expect(payTrade({ payOrderNo, walletAmount: 12_801n })).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "walletAmount" });
    expect(await db.trade.count({ where: { orderNo } })).toBe(0);
    expect(await balances(buyerId)).toEqual(before);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).status).toBe("PENDING");

    // one trade at a time per order
    await payTrade({ payOrderNo, points: 100n });
    await expect(payTrade({ payOrderNo, points: 200n })).rejects.toMatchObject({ code: "TRADE_IN_PROGRESS" });

    // the public procedure: a cashier tradeNo only (never a business system's), an order's own pay order only
    const caller = await callerAs(null);
    await expect(caller.cashier.payTrade({ payOrderNo, tradeNo: "TR-1", couponNo: null, points: 0n, walletAmount: 0n })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.cashier.payTrade({ payOrderNo, tradeNo: tradeNo(), couponNo: null, points: -1n, walletAmount: 0n })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const plain = await env.api("/api/v1/pay-orders", { body: { mchOrderNo: `CTP${unique()}`, amount: 12_800, subject: "Sofa deposit" } });
    await expect(payTrade({ payOrderNo: plain.json.payOrderNo })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(payTrade({ payOrderNo: "P00000000000000000NOPE0000" })).rejects.toMatchObject({ code: "ORDER_NOT_FOUND" });
    await expectAssetsMatchJournal(await merchantId(), buyerId);
  });

  it("a channel part closed unpaid: everything released, the order's page offers the assets again, a new trade pays it", async () => {
    const { buyerId, couponNo, orderNo, payOrderNo } = await richBuyer();
    const trade = await payTrade({ payOrderNo, couponNo, points: 1_500n, walletAmount: 5_000n });
    const channelPayOrderNo = trade.channelPayOrderNo as string;
    const closed = await env.api(`/api/v1/pay-orders/${channelPayOrderNo}/close`, { method: "POST", body: {} });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);
    await eventually(async () => (await getCashierTrade({ payOrderNo: channelPayOrderNo }))?.status === "FAILED", 30_000);

    expect(await getCashierOrder({ payOrderNo: channelPayOrderNo, device: DESKTOP })).toMatchObject({
      kind: "trade",
      phase: "closed",
      trade: { status: "FAILED" },
      order: { tradeable: true, payOrderNo },
    });
    expect(await getCashierOrder({ payOrderNo, device: DESKTOP })).toMatchObject({ kind: "order", phase: "closed", order: { tradeable: true }, trade: { status: "FAILED" } });
    expect(await balances(buyerId)).toEqual({ wallet: [5_000n, 0n], points: [1_500n, 0n] });
    expect(await getCashierAssets({ payOrderNo })).toMatchObject({ wallet: { spendable: 5_000n }, points: { spendable: 1_500n }, coupons: [expect.objectContaining({ couponNo })] });

    // nothing applied this time: the channel part pays the whole order
    const again = await payTrade({ payOrderNo });
    expect(again).toMatchObject({ status: "PENDING", channelAmount: 12_800n, couponAmount: 0n });
    expect(again.channelPayOrderNo).not.toBe(channelPayOrderNo);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("PENDING_PAYMENT");
    await expectAssetsMatchJournal(await merchantId(), buyerId);
  });
});
