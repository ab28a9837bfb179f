import { describe, expect, it } from "vitest";
import superjson from "superjson";
import { db } from "@/server/db";
import type { ClientDevice } from "@/server/domain/user-agent";
import { moveAsset } from "@/server/services/trades/buyer-assets";
import { callerAs } from "@/server/testing/callers";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { getCashierAssets } from "./get-cashier-assets";
import { getCashierOrder } from "./get-cashier-order";

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
