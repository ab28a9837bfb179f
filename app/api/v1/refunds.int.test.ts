import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { startTestWorker } from "@/server/testing/http-harness";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { eventually, expectBalancedJournal } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let counter = 0;
async function paidOrder(amount = 12800): Promise<string> {
  const created = await api("/api/v1/pay-orders", {
    body: { mchOrderNo: `RF${Date.now()}${counter++}`, amount, subject: "Sofa deposit", channel: "wechatpay", mode: "native" },
  });
  await api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
  await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).status === "PAID");
  return created.json.payOrderNo;
}

const refund = (payOrderNo: string, mchRefundNo: string, amount: number) => api("/api/v1/refunds", { body: { payOrderNo, mchRefundNo, amount, reason: "size" } });

describe("POST /api/v1/refunds", () => {
  it("refunds in parts until the order is REFUNDED, and never beyond", async () => {
    const payOrderNo = await paidOrder();
    const first = await refund(payOrderNo, `${payOrderNo}-R1`, 5000);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ payOrderNo, mchRefundNo: `${payOrderNo}-R1`, amount: 5000, status: "PROCESSING" });
    expect(first.json.refundNo).toMatch(/^F\d{17}/);
    await eventually(async () => (await api(`/api/v1/refunds/${first.json.refundNo}`)).json.status === "SUCCEEDED");
    let order = (await api(`/api/v1/pay-orders/${payOrderNo}`)).json;
    expect(order).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedAmount: 5000 });

    const second = await refund(payOrderNo, `${payOrderNo}-R2`, 7800);
    expect(second.status).toBe(201);
    await eventually(async () => (await api(`/api/v1/refunds?mchRefundNo=${payOrderNo}-R2`)).json.status === "SUCCEEDED");
    order = (await api(`/api/v1/pay-orders/${payOrderNo}`)).json;
    expect(order).toMatchObject({ status: "REFUNDED", refundedAmount: 12800 });

    const third = await refund(payOrderNo, `${payOrderNo}-R3`, 1);
    expect([third.status, third.json.error.code]).toEqual([409, "REFUND_EXCEEDS_REFUNDABLE"]);
    const entries = await expectBalancedJournal(payOrderNo);
    expect(entries.map((e) => e.kind).sort()).toEqual(["payment", "refund", "refund"]);
    expect(await db.event.count({ where: { payOrderNo, type: "refund.succeeded" } })).toBe(2);
  });

  it("replays the same mchRefundNo and refuses it with other parameters", async () => {
    const payOrderNo = await paidOrder();
    const first = await refund(payOrderNo, "same-no", 100);
    const again = await refund(payOrderNo, "same-no", 100);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.refundNo).toBe(first.json.refundNo);
    const other = await refund(payOrderNo, "same-no", 200);
    expect([other.status, other.json.error.code]).toEqual([409, "REFUND_PARAMS_MISMATCH"]);
  });

  it("never over-refunds when 20 refunds of one order arrive at once", async () => {
    const payOrderNo = await paidOrder(12800);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => refund(payOrderNo, `race-${payOrderNo}-${i}`, 1000)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(12);
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error.code === "REFUND_EXCEEDS_REFUNDABLE")).toBe(true);
    const refunds = await db.refund.findMany({ where: { payOrderNo, kind: "MERCHANT" } });
    expect(refunds.reduce((sum, r) => sum + r.amount, 0n)).toBe(12000n);
    await eventually(async () => (await db.refund.count({ where: { payOrderNo, status: "SUCCEEDED" } })) === 12, 20_000);
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
    expect(order).toMatchObject({ refundedAmount: 12000n, refundingAmount: 0n, status: "PARTIALLY_REFUNDED" });
    await expectBalancedJournal(payOrderNo);
  }, 30_000);

  it("refuses unpaid, unknown and another app's orders", async () => {
    const unpaid = await api("/api/v1/pay-orders", { body: { mchOrderNo: `RFU${Date.now()}`, amount: 100, subject: "x" } });
    const notPaid = await refund(unpaid.json.payOrderNo, "r-unpaid", 100);
    expect([notPaid.status, notPaid.json.error.code]).toEqual([409, "ORDER_NOT_PAID"]);
    const unknown = await refund("P2026112200000000000000000", "r-unknown", 100);
    expect([unknown.status, unknown.json.error.code]).toEqual([404, "ORDER_NOT_FOUND"]);
    const bad = await api("/api/v1/refunds", { body: { payOrderNo: unpaid.json.payOrderNo, mchRefundNo: "r", amount: 0 } });
    expect([bad.status, bad.json.error.field]).toEqual([400, "amount"]);
    const missing = await api("/api/v1/refunds/F20261122000000000AAAAAAAA");
    expect([missing.status, missing.json.error.code]).toEqual([404, "REFUND_NOT_FOUND"]);
  });

  it("answers 404 ORDER_NOT_FOUND, never 400, for any payOrderNo that names no order of this app", async () => {
    for (const payOrderNo of ["nope", "P1", "p20261122000000000AAAAAAAA", "P2026112200000000000000000-1", "x".repeat(64)]) {
      const answer = await refund(payOrderNo, `r-${counter++}`, 100);
      expect([answer.status, answer.json.error.code, answer.json.error.field], payOrderNo).toEqual([404, "ORDER_NOT_FOUND", "payOrderNo"]);
    }
  });

  it("simulates a refund's outcome right after creating it, before its job has sent it to the sandbox", async () => {
    const payOrderNo = await paidOrder();
    await env.worker.stop(); // nothing sends the refund to the sandbox channel but the simulate call itself
    try {
      const created = await refund(payOrderNo, `${payOrderNo}-sim`, 3000);
      expect(created.json.status).toBe("PROCESSING");
      const simulated = await api(`/api/v1/sandbox/refunds/${created.json.refundNo}/simulate`, { body: { outcome: "fail" } });
      expect([simulated.status, simulated.json]).toEqual([202, { refundNo: created.json.refundNo }]);
    } finally {
      env.worker = await startTestWorker();
    }
    await eventually(async () => (await api(`/api/v1/refunds?mchRefundNo=${payOrderNo}-sim`)).json.status === "FAILED");
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).refundingAmount).toBe(0n);

    // With the worker running, simulating at once is just as good.
    const next = await refund(payOrderNo, `${payOrderNo}-sim2`, 2000);
    const ok = await api(`/api/v1/sandbox/refunds/${next.json.refundNo}/simulate`, { body: { outcome: "success" } });
    expect([202, 409]).toContain(ok.status); // 409 only if the sandbox already settled it by itself (it succeeds either way)
    await eventually(async () => (await api(`/api/v1/refunds/${next.json.refundNo}`)).json.status === "SUCCEEDED");
  });

  it("holds refunds above the app's review threshold in PENDING_REVIEW, without calling the channel", async () => {
    const payOrderNo = await paidOrder();
    await db.app.update({ where: { id: DEMO_APP.id }, data: { refundReviewThreshold: 1000n } });
    invalidateApiApp();
    try {
      const held = await refund(payOrderNo, "review-me", 5000);
      expect([held.status, held.json.status]).toEqual([201, "PENDING_REVIEW"]);
      const small = await refund(payOrderNo, "small-one", 1000);
      expect(small.json.status).toBe("PROCESSING");
      // the held amount is reserved: only 12800 − 5000 − 1000 is left
      const tooMuch = await refund(payOrderNo, "too-much", 6801);
      expect(tooMuch.json.error.code).toBe("REFUND_EXCEEDS_REFUNDABLE");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await db.refund.findUniqueOrThrow({ where: { refundNo: held.json.refundNo } })).channelRefundNo).toBeNull();
    } finally {
      await db.app.update({ where: { id: DEMO_APP.id }, data: { refundReviewThreshold: null } });
      invalidateApiApp();
    }
  });
});
