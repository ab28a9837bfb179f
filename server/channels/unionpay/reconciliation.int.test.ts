import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { startReconciliation } from "@/server/services/reconciliation/start-run";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";

/**
 * Reconciliation covers UnionPay with no change in the reconciliation services: orders paid and
 * refunded through the Open API and the sandbox's gateway over real HTTP, moved to a past Beijing
 * day, then the day's file (76/01: base64 + deflate + zip, the GBK fixed-width ZM file) fetched by
 * the real plugin, staged and matched by the worker.
 */

const env = useDemoPaymentEnv();
let counter = 0;

const unionpayAccount = () => db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "unionpay" } });
/** UnionPay knows an attempt by its orderId: our `-` as `z` (docs/adr/0022). */
const orderIdOf = (attemptNo: string) => attemptNo.replaceAll("-", "z");
const at = (day: string, time: string) => new Date(`${day}T${time}+08:00`);

async function payOrder(amount: number) {
  const created = await env.api("/api/v1/pay-orders", {
    body: { mchOrderNo: `UR${Date.now()}${counter++}`, amount, subject: "银联对账", channel: "unionpay", mode: "pc", returnUrl: "https://shop.example/return" },
  });
  expect(created.status).toBe(201);
  const payOrderNo = created.json.payOrderNo as string;
  await env.api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success" } });
  await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).status === "PAID");
  return db.payment.findFirstOrThrow({ where: { payOrderNo } });
}

async function refund(payOrderNo: string, amount: number) {
  const made = await env.api("/api/v1/refunds", { body: { payOrderNo, mchRefundNo: `UF${Date.now()}${counter++}`, amount, reason: "recon" } });
  expect(made.status).toBeLessThan(300);
  const refundNo = made.json.refundNo as string;
  // UnionPay settles a 退货 later and notifies its backUrl
  await eventually(async () => (await db.refund.findUniqueOrThrow({ where: { refundNo } })).status === "SUCCEEDED", 20_000);
  return refundNo;
}

async function movePayment(attemptNo: string, when: Date) {
  await db.sandboxTrade.updateMany({ where: { outTradeNo: orderIdOf(attemptNo), channel: "unionpay" }, data: { paidAt: when } });
  await db.journalEntry.updateMany({ where: { dedupeKey: `payment:${attemptNo}` }, data: { occurredAt: when } });
  await db.payment.update({ where: { attemptNo }, data: { succeededAt: when } });
}

async function moveRefund(refundNo: string, when: Date) {
  await db.sandboxRefund.updateMany({ where: { outRefundNo: refundNo }, data: { succeededAt: when } });
  await db.journalEntry.updateMany({ where: { dedupeKey: `refund:${refundNo}` }, data: { occurredAt: when } });
}

describe("reconciliation of a UnionPay sandbox day", () => {
  it("matches every consume and refund of the ZM file, figures on both sides, and closes the day", async () => {
    const day = "2026-03-12";
    const a = await payOrder(10_000);
    const b = await payOrder(25_000);
    const refundNo = await refund(a.payOrderNo, 5_000);
    await movePayment(a.attemptNo, at(day, "09:00:00"));
    await movePayment(b.attemptNo, at(day, "12:30:00"));
    await moveRefund(refundNo, at(day, "15:00:00"));

    const account = await unionpayAccount();
    const started = await startReconciliation({ channelAccountId: account.id, billDate: day, trigger: "manual" });
    const run = await eventually(async () => {
      const row = await db.reconRun.findUniqueOrThrow({ where: { id: started.id } });
      return (row.status === "SUCCEEDED" || row.status === "FAILED") && row;
    }, 20_000);
    expect(run).toMatchObject({
      status: "SUCCEEDED",
      billRows: 3,
      billPaymentCount: 2,
      billPaymentAmount: 35_000n,
      billRefundCount: 1,
      billRefundAmount: -5_000n,
      billFee: 50n + 125n - 25n,
      localPaymentCount: 2,
      localPaymentAmount: 35_000n,
      localRefundCount: 1,
      localRefundAmount: -5_000n,
      matched: 3,
      missingLocal: 0,
      missingChannel: 0,
      amountMismatch: 0,
      feeMismatch: 0,
      openDifferences: 0,
    });
    expect(run.billDigest).toMatch(/^[0-9a-f]{40}$/);
    expect(run.closedAt).not.toBeNull();
  });
});
