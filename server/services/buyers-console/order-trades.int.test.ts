import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs } from "@/server/testing/callers";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { tradeTestKit } from "@/server/testing/trade-setup";

/**
 * The console's views of a real trade (the Open API's createTrade and the coordinator): the order page's
 * trade section while the channel part is open and once it is paid, and the buyer's page after it.
 */
const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);
const kit = tradeTestKit(api, DEMO_APP.id);
const DEMO = "M10000001";

describe("a real trade in the console", () => {
  it("shows the open trade, refreshes until it ends, then its parts confirmed and its history; the buyer's movements add up", async () => {
    const buyerId = `UC${kit.unique()}`;
    await kit.credit(buyerId, "points", 1_000n);
    await kit.credit(buyerId, "wallet", 5_000n);
    const couponNo = await kit.coupon(buyerId, { value: 1_000 });
    const orderNo = await kit.order(buyerId, 20_000);
    const created = await kit.trade(orderNo, { couponNos: [couponNo], points: 500, walletAmount: 3_000, channel: "wechatpay", mode: "native" });
    expect(created.status, JSON.stringify(created.json)).toBe(201);

    const owner = await callerAs("owner@demo.local");
    const open = await owner.buyers.orderTrades({ mchNo: DEMO, orderNo });
    expect(open.open).toBe(true);
    expect(open.may).toEqual({ viewBuyers: true, viewPayOrders: true });
    expect(open.trades.map((t) => [t.tradeId, t.status, t.phase])).toEqual([[created.json.tradeId, "PENDING", "PENDING"]]);
    expect(open.trades[0]!.parts.map((p) => [p.instrument, p.amount, p.status])).toEqual([
      ["coupon", 1_000n, "LOCKED"],
      ["points", 500n, "LOCKED"],
      ["wallet", 3_000n, "LOCKED"],
      ["channel", 15_500n, "PENDING"],
    ]);
    // the buyer's page sees the freezes: balances unchanged, the frozen parts up, the coupon locked by this order
    const during = await owner.buyers.detail({ mchNo: DEMO, buyerId });
    expect([during.wallet, during.points]).toEqual([
      { balance: 5_000n, frozen: 3_000n, available: 2_000n },
      { balance: 1_000n, frozen: 500n, available: 500n },
    ]);
    expect(during.coupons.map((c) => [c.couponNo, c.status, c.orderNo])).toEqual([[couponNo, "LOCKED", orderNo]]);

    await api(`/api/v1/sandbox/pay-orders/${created.json.parts[3].payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
    await eventually(async () => !(await owner.buyers.orderTrades({ mchNo: DEMO, orderNo })).open, 30_000);
    const ended = (await owner.buyers.orderTrades({ mchNo: DEMO, orderNo })).trades[0]!;
    expect([ended.status, ended.phase]).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(ended.parts.every((p) => p.status === "CONFIRMED")).toBe(true);
    const steps = ended.steps.map((s) => s.step);
    expect(steps[0]).toBe("created");
    expect(steps).toEqual(expect.arrayContaining(["frozen", "channel paid", "confirmed", "succeeded"]));
    expect(ended.steps.every((s) => s.ok)).toBe(true);
    // every step naming a part names one of this trade's parts
    for (const step of ended.steps) if (step.partNo !== null) expect(ended.partInstruments[step.partNo]).toBeDefined();

    const after = await owner.buyers.detail({ mchNo: DEMO, buyerId });
    expect([after.wallet.balance, after.wallet.frozen, after.points.balance, after.points.frozen]).toEqual([2_000n, 0n, 500n, 0n]);
    const movements = (await owner.buyers.movements({ mchNo: DEMO, buyerId })).rows;
    for (const asset of ["wallet", "points"] as const) {
      const mine = movements.filter((m) => m.asset === asset);
      expect(mine.reduce((sum, m) => sum + m.amount, 0n), asset).toBe(after[asset].balance);
      expect(mine.reduce((sum, m) => sum + m.frozen, 0n), asset).toBe(after[asset].frozen);
    }
    expect((await owner.buyers.trades({ mchNo: DEMO, buyerId })).map((t) => [t.orderNo, t.status])).toEqual([[orderNo, "SUCCEEDED"]]);
    await kit.expectAssetsMatchJournal(buyerId);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("PAID");
  });
});
