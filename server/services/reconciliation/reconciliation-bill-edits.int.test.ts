import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually, setFaults } from "@/server/testing/payment-fixtures";
import { startReconciliation } from "./start-run";

/**
 * Every kind of difference as the channel writes it: the sandbox merchant's bill edits
 * (faults.billEdits — drop a line, shift an amount or a fee, flip a state, add a trade nobody made)
 * change the real WeChat Pay bill file the plugin downloads over HTTP, parses and streams into the job.
 */

const env = useDemoPaymentEnv();
let counter = 0;
const at = (day: string, time: string) => new Date(`${day}T${time}+08:00`);

async function paidAttempt(amount: number) {
  const created = await env.api("/api/v1/pay-orders", {
    body: { mchOrderNo: `BE${Date.now()}${counter++}`, amount, subject: "Bill edits", channel: "wechatpay", mode: "native" },
  });
  const payOrderNo = created.json.payOrderNo as string;
  await env.api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success" } });
  await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).status === "PAID");
  return db.payment.findFirstOrThrow({ where: { payOrderNo } });
}

async function moveTo(attemptNo: string, when: Date) {
  await db.sandboxTrade.updateMany({ where: { outTradeNo: attemptNo }, data: { paidAt: when } });
  await db.journalEntry.updateMany({ where: { dedupeKey: `payment:${attemptNo}` }, data: { occurredAt: when } });
}

describe("differences written into the channel's bill by the sandbox's bill edits", () => {
  it("finds each one, of its kind, and nothing else", async () => {
    const day = "2026-04-02";
    const [kept, dropped, shifted, feeOff, revoked, refunded] = await Promise.all([10_000, 11_000, 12_000, 13_000, 14_000, 20_000].map(paidAttempt));
    const made = await env.api("/api/v1/refunds", { body: { payOrderNo: refunded.payOrderNo, mchRefundNo: `BER${counter++}`, amount: 10_000, reason: "edits" } });
    const refundNo = made.json.refundNo as string;
    await eventually(async () => (await db.refund.findUniqueOrThrow({ where: { refundNo } })).status === "SUCCEEDED");
    for (const [i, p] of [kept, dropped, shifted, feeOff, revoked, refunded].entries()) await moveTo(p.attemptNo, at(day, `0${i + 1}:00:00`));
    await db.sandboxRefund.updateMany({ where: { outRefundNo: refundNo }, data: { succeededAt: at(day, "09:00:00") } });
    await db.journalEntry.updateMany({ where: { dedupeKey: `refund:${refundNo}` }, data: { occurredAt: at(day, "09:00:00") } });

    await setFaults(DEMO_APP.id, "wechatpay", {
      billEdits: [
        { type: "drop", outNo: dropped.attemptNo },
        { type: "amount", outNo: shifted.attemptNo, delta: 100 },
        { type: "fee", outNo: feeOff.attemptNo, delta: 7 },
        { type: "status", outNo: revoked.attemptNo },
        { type: "status", outNo: refundNo },
        { type: "extra", billDate: day, outTradeNo: "NOBODY-1", amount: 5_000 },
      ],
    });
    const account = await db.channelAccount.findUniqueOrThrow({ where: { id: kept.channelAccountId } });
    let run;
    try {
      const started = await startReconciliation({ channelAccountId: account.id, billDate: day, trigger: "manual" });
      run = await eventually(async () => {
        const row = await db.reconRun.findUniqueOrThrow({ where: { id: started.id } });
        return (row.status === "SUCCEEDED" || row.status === "FAILED") && row;
      }, 20_000);
    } finally {
      await setFaults(DEMO_APP.id, "wechatpay", {});
    }
    expect(run).toMatchObject({
      status: "SUCCEEDED",
      billRows: 7,
      localPaymentCount: 6,
      localRefundCount: 1,
      matched: 2,
      missingLocal: 1,
      missingChannel: 1,
      amountMismatch: 1,
      feeMismatch: 1,
      statusMismatch: 2,
      repaired: 0,
      openDifferences: 6,
    });
    const found = await db.reconDifference.findMany({ where: { runId: run.id } });
    const summary = Object.fromEntries(found.map((d) => [d.outNo, [d.kind, d.type, d.status]]));
    expect(summary).toEqual({
      [dropped.attemptNo]: ["payment", "MISSING_CHANNEL", "OPEN"],
      [shifted.attemptNo]: ["payment", "AMOUNT_MISMATCH", "OPEN"],
      [feeOff.attemptNo]: ["payment", "FEE_MISMATCH", "OPEN"],
      [revoked.attemptNo]: ["payment", "STATUS_MISMATCH", "OPEN"],
      [refundNo]: ["refund", "STATUS_MISMATCH", "OPEN"],
      "NOBODY-1": ["payment", "MISSING_LOCAL", "OPEN"],
    });
    const byNo = Object.fromEntries(found.map((d) => [d.outNo, d]));
    expect(byNo[shifted.attemptNo]).toMatchObject({ channelAmount: 12_100n, localAmount: 12_000n });
    expect(byNo[feeOff.attemptNo]).toMatchObject({ channelFee: 78n + 7n, localFee: 78n });
    expect(byNo[revoked.attemptNo]).toMatchObject({ channelState: "REVOKED", localState: "SUCCEEDED", channelAmount: 14_000n, localAmount: 14_000n });
    expect(byNo[refundNo]).toMatchObject({ channelAmount: -10_000n, localAmount: -10_000n, refundNo, outTradeNo: refunded.attemptNo });
    expect(byNo["NOBODY-1"]).toMatchObject({ channelAmount: 5_000n, channelFee: 30n, journalEntryId: null, payOrderNo: null });
  });
});
