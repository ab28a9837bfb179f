import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually, expectBalancedJournal, sandboxMerchantFor, setFaults } from "@/server/testing/payment-fixtures";
import { sandboxChannel } from "@/server/sandbox/registry";
import { openSandboxKeys } from "@/server/sandbox/keys";

// UnionPay's backUrl notifications, sent by the sandbox through the job worker to our real callback
// route (/api/notify/unionpay/<account>), verified against the account's certificate chain and
// applied once, duplicates included; a forged one is refused.

const env = useDemoPaymentEnv();
let counter = 0;
const newOrder = (over: Record<string, unknown> = {}) => ({
  mchOrderNo: `UN${Date.now()}${counter++}`,
  amount: 12800,
  subject: "银联 · 沙发定金",
  channel: "unionpay",
  mode: "pc",
  returnUrl: "https://shop.example/return",
  ...over,
});

async function orderOf(payOrderNo: string) {
  return (await env.api(`/api/v1/pay-orders/${payOrderNo}`)).json;
}

describe("unionpay notifications reach our callback route", () => {
  it("a card payment is notified (twice, by fault), verified and applied once", async () => {
    await setFaults(DEMO_APP.id, "unionpay", { duplicateNotifications: true });
    const created = await env.api("/api/v1/pay-orders", { body: newOrder() });
    expect(created.status).toBe(201);
    expect(created.json.payData).toMatchObject({ type: "form", action: `${env.harness.url}/api/sandbox/unionpay/gateway/api/frontTransReq.do` });
    expect(created.json.payData.fields).toMatchObject({ txnAmt: "12800", channelType: "07", frontUrl: "https://shop.example/return" });

    const simulated = await env.api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
    expect(simulated.status).toBe(202);
    const paid = await eventually(async () => {
      const order = await orderOf(created.json.payOrderNo);
      return order.status === "PAID" && order;
    });
    expect(paid).toMatchObject({ paidAmount: 12800, channel: "unionpay" });
    expect(paid.channelTradeNo).toMatch(/^\d{21}$/);
    const attemptNo = paid.attempts[0].attemptNo;
    await eventually(async () => (await db.channelNotification.count({ where: { attemptNo } })) >= 2);
    const notifications = await db.channelNotification.findMany({ where: { attemptNo } });
    expect(notifications.map((n) => n.result)).toEqual(notifications.map(() => "ACCEPTED"));
    expect(await db.journalEntry.count({ where: { payOrderNo: created.json.payOrderNo } })).toBe(1);
    expect(await db.event.count({ where: { payOrderNo: created.json.payOrderNo, type: "pay_order.succeeded" } })).toBe(1);
    await expectBalancedJournal(created.json.payOrderNo);
    await setFaults(DEMO_APP.id, "unionpay", {});
  });

  it("an order without a returnUrl returns the consumer to its cashier page (frontUrl) instead of being refused after the order was written", async () => {
    const created = await env.api("/api/v1/pay-orders", { body: newOrder({ mode: "wap", returnUrl: undefined }) });
    expect(created.status).toBe(201);
    expect(created.json.payData.fields).toMatchObject({ channelType: "08", frontUrl: created.json.cashierUrl });
    expect(created.json.cashierUrl).toMatch(new RegExp(`/pay/${created.json.payOrderNo}$`));
  });

  it("a forged notification (amount changed after signing) is refused with a 4xx and changes nothing", async () => {
    await setFaults(DEMO_APP.id, "unionpay", { dropNotifications: true });
    const created = await env.api("/api/v1/pay-orders", { body: newOrder({ amount: 4200 }) });
    await env.api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
    const merchant = await sandboxMerchantFor(DEMO_APP.id, "unionpay");
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, amount: 4200n }, orderBy: { createdAt: "desc" } });
    const genuine = sandboxChannel("unionpay").paymentNotification({ merchant, keys: openSandboxKeys(merchant), trade });
    const forged = new URLSearchParams(genuine.body);
    forged.set("txnAmt", "1");
    const refused = await fetch(genuine.url, { method: "POST", headers: genuine.headers, body: forged.toString() });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect((await orderOf(created.json.payOrderNo)).status).toBe("PENDING");

    // the genuine one is accepted with UnionPay's answer (HTTP 200) and pays the order
    const accepted = await fetch(genuine.url, { method: "POST", headers: genuine.headers, body: genuine.body });
    expect(accepted.status).toBe(200);
    expect((await orderOf(created.json.payOrderNo)).status).toBe("PAID");
    await setFaults(DEMO_APP.id, "unionpay", {});
  });
});
