import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { attemptNo as makeAttemptNo } from "@/server/domain/ids";
import { beijingDate } from "@/server/domain/reconciliation";
import { createOrder } from "@/server/services/orders/create-order";
import { applyTradeResult } from "@/server/services/payments/apply-trade-result";
import { callerAs, outcome } from "@/server/testing/callers";
import { seedIfEmpty } from "@/prisma/seed";
import { posOrderInput } from "./take-pos-payment";

const DEMO = "M10000001";
const ACME = "M10000002";
const requestId = () => randomBytes(9).toString("base64url");
let demoAppId = "";

beforeAll(async () => {
  await seedIfEmpty();
  demoAppId = (await db.app.findFirstOrThrow({ where: { merchant: { mchNo: DEMO } } })).id;
});

/**
 * A POS payment of a store, made as the POS makes it (its order through the order center), settled by the payment
 * center's own service as the barcode loop settles one: `paid` or `failed`, on `channel`.
 */
async function posPayment(options: { storeId: string; amount: bigint; channel: "wechatpay" | "alipay"; outcome: "paid" | "failed" | "open"; cashier?: string }) {
  const cashier = await db.user.findUniqueOrThrow({ where: { email: options.cashier ?? "cashier@demo.local" } });
  const app = await db.app.findUniqueOrThrow({ where: { id: demoAppId } });
  const { order } = await createOrder(app, posOrderInput({ requestId: requestId(), storeId: options.storeId, amount: options.amount, note: undefined }, cashier.id));
  const payOrder = await db.payOrder.findFirstOrThrow({ where: { orderNo: order.orderNo } });
  const account = await db.channelAccount.findFirstOrThrow({ where: { appId: app.id, channel: options.channel } });
  const attemptNo = makeAttemptNo(payOrder.payOrderNo, 1);
  await db.payment.create({
    data: {
      attemptNo,
      payOrderNo: payOrder.payOrderNo,
      seq: 1,
      merchantId: app.merchantId,
      appId: app.id,
      channelAccountId: account.id,
      channel: options.channel,
      mode: "barcode",
      amount: options.amount,
      currency: "CNY",
      status: "PROCESSING",
      paramsHash: "fixture",
      payOutcome: "ok",
    },
  });
  if (options.outcome === "paid") await applyTradeResult(attemptNo, { state: "SUCCEEDED", channelTradeNo: `CT${payOrder.payOrderNo}`, paidAt: new Date() });
  if (options.outcome === "failed") {
    await db.payment.update({ where: { attemptNo }, data: { status: "FAILED", failureCode: "AUTHCODEEXPIRE", failureMessage: "二维码已过期", payOutcome: "rejected" } });
  }
  return { orderNo: order.orderNo, payOrderNo: payOrder.payOrderNo };
}

describe("the store POS: who may take and see what", () => {
  it("lets a cashier take payments for its own store only, and the owner for any store", async () => {
    const cashier = await callerAs("cashier@demo.local");
    const base = { mchNo: DEMO, appId: demoAppId, amount: "12.50", authCode: "134567890123456789" };
    const refused = await cashier.pos.take({ ...base, storeId: "S02", requestId: requestId() }).catch((e) => e);
    expect([refused.code, refused.cause?.field]).toEqual(["FORBIDDEN", "storeId"]);
    expect(await db.order.count({ where: { scene: "pos", storeId: "S02" } })).toBe(0);
    // its own store gets as far as the channel (whatever the channel answers, there is an order of that store now)
    const own = requestId();
    await outcome(cashier.pos.take({ ...base, storeId: "S01", requestId: own }));
    const order = await db.order.findFirstOrThrow({ where: { sourceOrderNo: `POS-${own}` }, include: { lines: true, payOrders: true } });
    expect(order).toMatchObject({ scene: "pos", storeId: "S01", payableAmount: 1250n, metadata: { pos: "true", cashier: (await db.user.findUniqueOrThrow({ where: { email: "cashier@demo.local" } })).id } });
    expect(order.lines.map((l) => [l.name, l.quantity, l.unitPrice])).toEqual([["门店收款", 1, 1250n]]);
    expect(order.payOrders).toHaveLength(1);

    const owner = await callerAs("owner@demo.local");
    const other = requestId();
    await outcome(owner.pos.take({ ...base, storeId: "S07", note: "  会员卡充值 ", requestId: other }));
    expect(await db.order.findFirstOrThrow({ where: { sourceOrderNo: `POS-${other}` }, include: { lines: true } })).toMatchObject({ storeId: "S07", lines: [{ name: "会员卡充值" }] });
  });

  it("refuses every other role, and another merchant's members see nothing", async () => {
    for (const email of ["dev@demo.local", "finance@demo.local", "viewer@demo.local", "dealer@demo.local"]) {
      expect(await outcome((await callerAs(email)).pos.takings({ mchNo: DEMO })), email).toBe("FORBIDDEN");
      expect(await outcome((await callerAs(email)).pos.setup({ mchNo: DEMO })), email).toBe("FORBIDDEN");
    }
    const { orderNo } = await posPayment({ storeId: "S01", amount: 500n, channel: "wechatpay", outcome: "paid" });
    expect(await outcome((await callerAs("owner@acme.local")).pos.payment({ mchNo: DEMO, orderNo }))).toBe("NOT_FOUND");
    expect(await outcome((await callerAs("owner@acme.local")).pos.payment({ mchNo: ACME, orderNo }))).toBe("NOT_FOUND");
    expect(await outcome((await callerAs("owner@acme.local")).pos.take({ mchNo: ACME, appId: demoAppId, storeId: "S01", amount: "1", authCode: "134567890123456789", requestId: requestId() }))).toBe("BAD_REQUEST");
    const acmeTakings = await (await callerAs("owner@acme.local")).pos.takings({ mchNo: ACME });
    expect(acmeTakings.payments.map((p) => p.orderNo)).not.toContain(orderNo);
  });

  it("answers bad input as field errors, before anything is written", async () => {
    const cashier = await callerAs("cashier@demo.local");
    const before = await db.order.count({ where: { scene: "pos" } });
    const error = await cashier.pos.take({ mchNo: DEMO, appId: demoAppId, storeId: "S01", amount: "12.345", authCode: "12ab", requestId: requestId() }).catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    const fields = error.cause?.issues?.map((i: { path: string[]; message: string }) => [i.path.join("."), i.message]);
    expect(fields).toEqual(expect.arrayContaining([["amount", "amountInvalid"], ["authCode", "authCodeInvalid"]]));
    const tooMuch = await cashier.pos.take({ mchNo: DEMO, appId: demoAppId, storeId: "S01", amount: "100000.01", authCode: "134567890123456789", requestId: requestId() }).catch((e) => e);
    expect(tooMuch.cause?.issues?.[0]?.message).toBe("amountTooLarge");
    const otherApp = await db.app.findFirstOrThrow({ where: { merchant: { mchNo: ACME } } });
    const foreign = await cashier.pos.take({ mchNo: DEMO, appId: otherApp.id, storeId: "S01", amount: "1", authCode: "134567890123456789", requestId: requestId() }).catch((e) => e);
    expect([foreign.code, foreign.cause?.field, foreign.message]).toEqual(["BAD_REQUEST", "appId", "appUnknown"]);
    expect(await db.order.count({ where: { scene: "pos" } })).toBe(before);
  });
});

describe("the day's takings", () => {
  it("counts today's paid POS payments of the member's stores, by channel, with refunds and the cashier", async () => {
    const cashier = await callerAs("cashier@demo.local");
    const owner = await callerAs("owner@demo.local");
    const before = await cashier.pos.takings({ mchNo: DEMO });
    const beforeAll = await owner.pos.takings({ mchNo: DEMO });
    const a = await posPayment({ storeId: "S01", amount: 1234n, channel: "wechatpay", outcome: "paid" });
    await posPayment({ storeId: "S01", amount: 800n, channel: "alipay", outcome: "paid" });
    const failed = await posPayment({ storeId: "S01", amount: 999n, channel: "alipay", outcome: "failed" });
    const elsewhere = await posPayment({ storeId: "S02", amount: 5000n, channel: "wechatpay", outcome: "paid", cashier: "owner@demo.local" });

    const mine = await cashier.pos.takings({ mchNo: DEMO });
    expect(mine.day).toBe(beijingDate(new Date()));
    expect(mine.paidCount - before.paidCount).toBe(2);
    expect(mine.paidAmount - before.paidAmount).toBe(2034n);
    expect(mine.netAmount).toBe(mine.paidAmount - mine.refundedAmount);
    const channel = (t: typeof mine, code: string) => t.byChannel.find((c) => c.channel === code) ?? { count: 0, amount: 0n };
    expect(channel(mine, "wechatpay").amount - channel(before, "wechatpay").amount).toBe(1234n);
    expect(channel(mine, "alipay").amount - channel(before, "alipay").amount).toBe(800n);
    // the list: newest first, with the failed one and its reason, never another store's
    expect(mine.payments.every((p) => p.storeId === "S01")).toBe(true);
    expect(mine.payments.map((p) => p.orderNo)).not.toContain(elsewhere.orderNo);
    expect(mine.payments.find((p) => p.orderNo === failed.orderNo)).toMatchObject({ status: "failed", reason: "codeExpired", channel: "alipay" });
    expect(mine.payments.find((p) => p.orderNo === a.orderNo)).toMatchObject({ status: "paid", amount: 1234n, channel: "wechatpay", cashierName: "收银员 Chen", note: "门店收款" });
    // another store's payment: not there by list, by id, or by asking for that store
    expect(await outcome(cashier.pos.payment({ mchNo: DEMO, orderNo: elsewhere.orderNo }))).toBe("NOT_FOUND");
    expect(await outcome(cashier.pos.cancel({ mchNo: DEMO, orderNo: elsewhere.orderNo }))).toBe("NOT_FOUND");
    expect(await outcome(cashier.pos.takings({ mchNo: DEMO, storeId: "S02" }))).toBe("FORBIDDEN");

    // the owner sees every store, or one
    const all = await owner.pos.takings({ mchNo: DEMO });
    expect(all.paidAmount - beforeAll.paidAmount).toBe(7034n);
    expect((await owner.pos.takings({ mchNo: DEMO, storeId: "S02" })).payments.map((p) => p.orderNo)).toContain(elsewhere.orderNo);
    expect(await owner.pos.payment({ mchNo: DEMO, orderNo: elsewhere.orderNo })).toMatchObject({ status: "paid", storeId: "S02" });
  });

  it("offers a cashier its own stores, the owner the stores its members and orders name", async () => {
    const mine = await (await callerAs("cashier@demo.local")).pos.setup({ mchNo: DEMO });
    expect(mine).toMatchObject({ stores: ["S01"], anyStore: false });
    expect(mine.apps.map((a) => a.id)).toEqual([demoAppId]);
    const owners = await (await callerAs("owner@demo.local")).pos.setup({ mchNo: DEMO });
    expect(owners.anyStore).toBe(true);
    expect(owners.stores).toEqual(expect.arrayContaining(["S01", "S02"]));
  });

  it("leaves a paid payment paid when the clerk cancels it", async () => {
    const owner = await callerAs("owner@demo.local");
    const paid = await posPayment({ storeId: "S03", amount: 100n, channel: "wechatpay", outcome: "paid" });
    expect(await owner.pos.cancel({ mchNo: DEMO, orderNo: paid.orderNo })).toMatchObject({ status: "paid" });
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: paid.payOrderNo } })).status).toBe("PAID");
  });
});
