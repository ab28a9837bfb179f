import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { confirmCodePayment } from "@/server/sandbox/barcode-trades";
import { issuePayCode } from "@/server/sandbox/paycodes";
import { callerAs } from "@/server/testing/callers";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually, expectBalancedJournal, sandboxMerchantFor } from "@/server/testing/payment-fixtures";

/**
 * The POS end to end: the cashier's tRPC calls, the order center, the barcode attempt over real HTTP against the
 * sandbox, and the barcode loop run by the job worker (pauses compressed as in barcode-payments.int.test.ts).
 */
process.env.BARCODE_TIME_SCALE = "0.02";

useDemoPaymentEnv();
const DEMO = "M10000001";
const requestId = () => randomBytes(9).toString("base64url");
const cashier = () => callerAs("cashier@demo.local");
const take = async (authCode: string, amount = "12.88") =>
  (await cashier()).pos.take({ mchNo: DEMO, appId: DEMO_APP.id, storeId: "S01", amount, note: "拿铁 大杯", authCode, requestId: requestId() });

async function sandboxTradeOf(channel: "wechatpay" | "alipay", attemptNo: string) {
  const merchant = await sandboxMerchantFor(DEMO_APP.id, channel);
  return db.sandboxTrade.findUniqueOrThrow({ where: { sandboxMerchantId_outTradeNo: { sandboxMerchantId: merchant.id, outTradeNo: attemptNo } } });
}

describe("a payment taken at the store POS", () => {
  it("paid at once: its order is PAID in the order center under the store, and the takings count it", async () => {
    const before = await (await cashier()).pos.takings({ mchNo: DEMO });
    const paid = await take(issuePayCode("wechatpay", "instant"));
    expect(paid).toMatchObject({ status: "paid", channel: "wechatpay", amount: 1288n, storeId: "S01", note: "拿铁 大杯", reason: null });
    expect(paid.channelTradeNo).toBeTruthy();
    const order = await db.order.findUniqueOrThrow({ where: { orderNo: paid.orderNo }, include: { payOrders: true } });
    expect(order).toMatchObject({ status: "PAID", scene: "pos", storeId: "S01", paidAmount: 1288n });
    expect(order.payOrders.map((p) => p.status)).toEqual(["PAID"]);
    expect(await expectBalancedJournal(paid.payOrderNo!)).toHaveLength(1);
    const after = await (await cashier()).pos.takings({ mchNo: DEMO });
    expect([after.paidCount - before.paidCount, after.paidAmount - before.paidAmount]).toEqual([1, 1288n]);
    expect(after.payments[0]).toMatchObject({ orderNo: paid.orderNo, status: "paid", cashierName: "收银员 Chen" });
  });

  it("a payer who must enter the password: waiting, then paid by itself once they confirm", async () => {
    const waiting = await take(issuePayCode("alipay", "password"));
    expect(waiting).toMatchObject({ status: "waiting", channel: "alipay" });
    const attempt = await db.payment.findFirstOrThrow({ where: { payOrderNo: waiting.payOrderNo! } });
    await confirmCodePayment((await sandboxTradeOf("alipay", attempt.attemptNo)).id, "success");
    const paid = await eventually(async () => {
      const now = await (await cashier()).pos.payment({ mchNo: DEMO, orderNo: waiting.orderNo });
      return now.status === "paid" && now;
    });
    expect(paid.channel).toBe("alipay");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: waiting.orderNo } })).status).toBe("PAID");
  });

  it("a payer who never confirms: the loop reverses it, and the clerk is told why", async () => {
    const waiting = await take(issuePayCode("wechatpay", "password"));
    const cancelled = await eventually(async () => {
      const now = await (await cashier()).pos.payment({ mchNo: DEMO, orderNo: waiting.orderNo });
      return now.status === "cancelled" && now;
    });
    expect(cancelled.reason).toBe("notConfirmed");
  });

  it("a declined payer: failed in words, its order closed so that a new scan is a new payment", async () => {
    const failed = await take(issuePayCode("wechatpay", "insufficient"));
    expect(failed).toMatchObject({ status: "failed", reason: "insufficientFunds" });
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: failed.payOrderNo! } })).status).toBe("CLOSED");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: failed.orderNo } })).status).toBe("CANCELLED");
  });

  it("a code no channel issues is refused on the code field, before anything reaches a channel", async () => {
    const error = await take("9912345678901234").catch((e) => e);
    expect([error.code, error.cause?.field]).toEqual(["BAD_REQUEST", "authCode"]);
  });

  it("the clerk cancels a payment still waiting: closed at the channel, cancelled here, never paid later", async () => {
    const waiting = await take(issuePayCode("wechatpay", "password"));
    expect(waiting.status).toBe("waiting");
    const cancelled = await (await cashier()).pos.cancel({ mchNo: DEMO, orderNo: waiting.orderNo });
    expect(cancelled.status).toBe("cancelled");
    const attempt = await db.payment.findFirstOrThrow({ where: { payOrderNo: waiting.payOrderNo! } });
    expect(attempt.status).toBe("CLOSED");
    expect((await sandboxTradeOf("wechatpay", attempt.attemptNo)).state).toBe("CLOSED");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: waiting.orderNo } })).status).toBe("CANCELLED");
  });
});
