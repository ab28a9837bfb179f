import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { tradeTestKit } from "@/server/testing/trade-setup";

/** Races on one buyer's assets (issue #15): the guarded updates decide, never a read then a write. */
const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);
const kit = tradeTestKit(api, DEMO_APP.id);

describe("trades racing for one buyer's assets", () => {
  it("20 parallel wallet-funded trades whose balance covers five: exactly five succeed, the balance never goes negative", async () => {
    const id = `UC${kit.unique()}`;
    await kit.credit(id, "wallet", 5n * 2000n);
    const orders = await Promise.all(Array.from({ length: 20 }, () => kit.order(id, 2000)));
    const answers = await Promise.all(orders.map((orderNo) => kit.trade(orderNo, { walletAmount: 2000 })));
    const codes = answers.map((a) => (a.status === 201 ? a.json.status : a.json.error.code));
    expect(codes.filter((c) => c === "SUCCEEDED"), JSON.stringify(codes)).toHaveLength(5);
    expect(codes.filter((c) => c === "INSUFFICIENT_BALANCE"), JSON.stringify(codes)).toHaveLength(15);
    expect(await kit.balances(id)).toMatchObject({ wallet: 0n, walletFrozen: 0n });
    expect(await db.order.count({ where: { orderNo: { in: orders }, status: "PAID" } })).toBe(5);
    await kit.expectAssetsMatchJournal(id);
  });

  it("the same coupon in 10 parallel trades: one wins", async () => {
    const id = `UC${kit.unique()}`;
    const couponNo = await kit.coupon(id, { value: 500 });
    const orders = await Promise.all(Array.from({ length: 10 }, () => kit.order(id, 3000)));
    const answers = await Promise.all(orders.map((orderNo) => kit.trade(orderNo, { couponNos: [couponNo], channel: "wechatpay", mode: "native" })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.json.error.code)).toEqual(Array(9).fill("COUPON_UNAVAILABLE"));
    const coupon = await db.coupon.findFirstOrThrow({ where: { couponNo } });
    expect(coupon).toMatchObject({ status: "LOCKED", tradeId: answers.find((a) => a.status === 201)!.json.tradeId });
    // the losers' full pay orders stay open: a refused trade changes nothing
    expect(await db.payOrder.count({ where: { orderNo: { in: orders }, purpose: "full", status: "PENDING" } })).toBeGreaterThanOrEqual(9);
  });

  it("two trades of one order at once: one starts, the other is TRADE_IN_PROGRESS", async () => {
    const id = `UC${kit.unique()}`;
    await kit.credit(id, "wallet", 10000n);
    const orderNo = await kit.order(id, 5000);
    const answers = await Promise.all([1, 2].map(() => kit.trade(orderNo, { walletAmount: 1000, channel: "wechatpay", mode: "native" })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.json.error.code).toBe("TRADE_IN_PROGRESS");
    expect(await kit.balances(id)).toMatchObject({ wallet: 10000n, walletFrozen: 1000n });
  });

  it("the same tradeNo sent five times at once: one trade, the others replay it", async () => {
    const id = `UC${kit.unique()}`;
    await kit.credit(id, "wallet", 10000n);
    const orderNo = await kit.order(id, 5000);
    const body = { tradeNo: `SAME-${kit.unique()}`, walletAmount: 1000, channel: "wechatpay", mode: "native" };
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => kit.trade(orderNo, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.tradeId)).size).toBe(1);
    expect(await kit.balances(id)).toMatchObject({ walletFrozen: 1000n });
  });
});
