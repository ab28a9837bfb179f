import { afterEach, describe, expect, it } from "vitest";
import { loadApiApp } from "@/server/apps/app-cache";
import { db } from "@/server/db";
import { closeOrder } from "@/server/services/payments/expire-pay-order";
import { createTrade } from "@/server/services/trades/create-trade";
import { armFault, disarmFaults, type FaultPoint, InjectedFault } from "@/server/services/trades/fault-points";
import { cancelPart } from "@/server/services/trades/trade-parts";
import { enterCancel, enterTry } from "@/server/services/trades/trade-barrier";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { tradeTestKit } from "@/server/testing/trade-setup";

/**
 * The coordinator stopped at every step boundary (issue #15, docs/adr/0015): the armed point throws
 * there, as a process killed between two transactions would stop; the worker (the drive-trade job's
 * retry, the sentinel) then runs it again. Every trade ends, nothing is taken or given back twice, and
 * the buyer's balances equal their journal postings.
 */
const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);
const kit = tradeTestKit(api, DEMO_APP.id);
afterEach(() => disarmFaults());

const buyer = () => `UF${kit.unique()}`;
const pay = (payOrderNo: string) => api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
const trade = (tradeId: string) => db.trade.findUniqueOrThrow({ where: { tradeId }, include: { parts: { orderBy: { partNo: "asc" } } } });

async function fundedTrade(deductMode: "lock" | "on_callback") {
  const id = buyer();
  await kit.credit(id, "wallet", 4000n);
  await kit.credit(id, "points", 1000n);
  const couponNo = await kit.coupon(id, { value: 1000 });
  const orderNo = await kit.order(id, 20000);
  const created = await kit.trade(orderNo, { deductMode, couponNos: [couponNo], points: 1000, walletAmount: 4000, channel: "wechatpay", mode: "native" });
  expect(created.status).toBe(201);
  return { id, couponNo, orderNo, tradeId: created.json.tradeId as string, channelPayOrderNo: created.json.parts[3].payOrderNo as string };
}

describe("a crash between the coordinator's steps, then the worker runs again", () => {
  it.each<FaultPoint>(["before-confirm", "between-confirms", "before-finish"])("confirming (channel paid, %s): the trade still succeeds, each part taken once", async (point) => {
    const t = await fundedTrade("lock");
    armFault(point);
    await pay(t.channelPayOrderNo);
    await kit.tradeEnds(t.tradeId, "SUCCEEDED");
    const ended = await trade(t.tradeId);
    expect(ended.driveCount).toBeGreaterThanOrEqual(1); // it did stop there once
    expect(ended.parts.map((p) => p.status)).toEqual(["CONFIRMED", "CONFIRMED", "CONFIRMED", "CONFIRMED"]);
    expect(await kit.balances(t.id)).toEqual({ wallet: 0n, walletFrozen: 0n, points: 0n, pointsFrozen: 0n });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo: t.couponNo } })).status).toBe("USED");
    expect(await db.order.findUniqueOrThrow({ where: { orderNo: t.orderNo } })).toMatchObject({ status: "PAID", paidAmount: 19000n });
    expect(await db.event.count({ where: { orderNo: t.orderNo, type: "trade.succeeded" } })).toBe(1);
    expect(await db.journalEntry.count({ where: { tradeId: t.tradeId } })).toBe(4); // two freezes, two confirms
    await kit.expectAssetsMatchJournal(t.id);
  });

  it.each<FaultPoint>(["before-cancel", "between-cancels"])("cancelling (channel part expired, %s): every frozen part is released once", async (point) => {
    const t = await fundedTrade("lock");
    armFault(point);
    await db.payOrder.update({ where: { payOrderNo: t.channelPayOrderNo }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await closeOrder(t.channelPayOrderNo)).toBe("CLOSED");
    await kit.tradeEnds(t.tradeId, "FAILED");
    const ended = await trade(t.tradeId);
    expect(ended.driveCount).toBeGreaterThanOrEqual(1);
    expect(ended.parts.map((p) => p.status)).toEqual(["RELEASED", "RELEASED", "RELEASED", "RELEASED"]);
    expect(await kit.balances(t.id)).toEqual({ wallet: 4000n, walletFrozen: 0n, points: 1000n, pointsFrozen: 0n });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo: t.couponNo } })).status).toBe("AVAILABLE");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: t.orderNo } })).status).toBe("PENDING_PAYMENT");
    expect(await db.journalEntry.count({ where: { tradeId: t.tradeId } })).toBe(4); // two freezes, two releases
    await kit.expectAssetsMatchJournal(t.id);
  });

  it("during a compensation (on_callback, the wallet fell): the channel part is refunded once and what was deducted goes back once", async () => {
    const t = await fundedTrade("on_callback");
    const elsewhere = await kit.order(t.id, 1000);
    expect((await kit.trade(elsewhere, { walletAmount: 1000 })).json.status).toBe("SUCCEEDED");
    armFault("after-compensation-refund");
    await pay(t.channelPayOrderNo);
    await kit.tradeEnds(t.tradeId, "FAILED");
    const ended = await trade(t.tradeId);
    expect(ended.driveCount).toBeGreaterThanOrEqual(1);
    expect(ended.parts.map((p) => p.status)).toEqual(["RELEASED", "RELEASED", "RELEASED", "REFUNDED"]);
    expect(await db.refund.count({ where: { payOrderNo: t.channelPayOrderNo } })).toBe(1);
    expect(await kit.balances(t.id)).toEqual({ wallet: 3000n, walletFrozen: 0n, points: 1000n, pointsFrozen: 0n });
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo: t.couponNo } })).status).toBe("AVAILABLE");
    await kit.expectAssetsMatchJournal(t.id);
  });

  it("after the freeze, before the answer: a no-channel trade is finished by its job; a channel trade's replay starts the payment", async () => {
    const app = (await loadApiApp(DEMO_APP.id))!;
    const id = buyer();
    await kit.credit(id, "wallet", 10000n);
    const covered = await kit.order(id, 3000);
    armFault("after-freeze");
    await expect(createTrade(app, covered, { tradeNo: `F-${kit.unique()}`, deductMode: "lock", walletAmount: 3000n })).rejects.toBeInstanceOf(InjectedFault);
    const stuck = await db.trade.findFirstOrThrow({ where: { orderNo: covered } });
    expect(stuck.status).toBe("CONFIRMING");
    await kit.tradeEnds(stuck.tradeId, "SUCCEEDED");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: covered } })).status).toBe("PAID");

    const withChannel = await kit.order(id, 9000);
    const input = { tradeNo: `F-${kit.unique()}`, deductMode: "lock" as const, walletAmount: 2000n, channel: "wechatpay" as const, mode: "native" as const };
    armFault("after-freeze");
    await expect(createTrade(app, withChannel, input)).rejects.toBeInstanceOf(InjectedFault);
    const replay = await createTrade(app, withChannel, input);
    expect(replay.status).toBe(200);
    expect(replay.trade.parts.at(-1)).toMatchObject({ instrument: "channel", amount: 7000n, payData: expect.anything() });
    expect(await kit.balances(id)).toMatchObject({ wallet: 7000n, walletFrozen: 2000n });
    await kit.expectAssetsMatchJournal(id);
  });
});

describe("the fence", () => {
  it("a cancel that comes before its try leaves a row that makes the late try do nothing (anti-hanging); a second cancel does nothing", async () => {
    const id = buyer();
    await kit.credit(id, "wallet", 500n);
    const orderNo = await kit.order(id, 1000);
    const created = await kit.trade(orderNo, { deductMode: "on_callback", walletAmount: 500, channel: "wechatpay", mode: "native" });
    const tradeId = created.json.tradeId as string;
    const before = await kit.balances(id);
    await db.$transaction(async (tx) => {
      const t = await tx.trade.findUniqueOrThrow({ where: { tradeId }, include: { parts: true } });
      const wallet = t.parts.find((p) => p.instrument === "wallet")!;
      await cancelPart(tx, t, wallet); // an empty rollback: nothing was frozen
      expect(await enterTry(tx, tradeId, wallet.partNo)).toBe(false);
      expect(await enterCancel(tx, tradeId, wallet.partNo)).toBe("done");
    });
    expect(await kit.balances(id)).toEqual(before);
    expect((await db.tradePart.findFirstOrThrow({ where: { tradeId, instrument: "wallet" } })).status).toBe("RELEASED");
    expect(await db.tradeBarrier.findMany({ where: { tradeId }, select: { op: true, outcome: true }, orderBy: { op: "asc" } })).toEqual([
      { op: "cancel", outcome: "done" },
      { op: "try", outcome: "cancelled_before_try" },
    ]);
  });
});
