import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { callerAs, outcome } from "@/server/testing/callers";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually, expectBalancedJournal, sandboxRefundNotification, setFaults } from "@/server/testing/payment-fixtures";

const MCH = "M10000001";
const env = useDemoPaymentEnv();

let counter = 0;
async function paidOrder(amount = 20000): Promise<string> {
  const created = await env.api("/api/v1/pay-orders", {
    body: { mchOrderNo: `LC${Date.now()}${counter++}`, amount, subject: "Lifecycle", channel: "wechatpay", mode: "native" },
  });
  await env.api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
  await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).status === "PAID");
  return created.json.payOrderNo;
}
const refundVia = async (payOrderNo: string, amount: number) =>
  (await env.api("/api/v1/refunds", { body: { payOrderNo, mchRefundNo: `R${Date.now()}${counter++}`, amount, reason: "test" } })).json;
const refundRow = (refundNo: string) => db.refund.findUniqueOrThrow({ where: { refundNo } });

async function withThreshold<T>(threshold: bigint | null, run: () => Promise<T>): Promise<T> {
  await db.app.update({ where: { id: DEMO_APP.id }, data: { refundReviewThreshold: threshold } });
  invalidateApiApp();
  try {
    return await run();
  } finally {
    await db.app.update({ where: { id: DEMO_APP.id }, data: { refundReviewThreshold: null } });
    invalidateApiApp();
  }
}

describe("channel refund failures", () => {
  it("retries a refund the channel could not take, with backoff, until it succeeds", async () => {
    const payOrderNo = await paidOrder();
    await setFaults(DEMO_APP.id, "wechatpay", { errorPerMille: 1000 });
    try {
      const refund = await refundVia(payOrderNo, 5000);
      await eventually(async () => (await refundRow(refund.refundNo)).retryCount >= 2);
      const retrying = await refundRow(refund.refundNo);
      expect(retrying.status).toBe("PROCESSING");
      expect(retrying.failureMessage).toBeTruthy();
    } finally {
      await setFaults(DEMO_APP.id, "wechatpay", {});
    }
    const done = await eventually(async () => {
      const row = await db.refund.findFirst({ where: { payOrderNo, status: "SUCCEEDED" } });
      return row;
    });
    expect(done.retryCount).toBeGreaterThanOrEqual(2);
    expect(done.failureMessage).toBeNull();
    expect(await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedAmount: 5000n, refundingAmount: 0n });
    await expectBalancedJournal(payOrderNo);
  });

  it("marks it FAILED with the channel's reason after the bounded retries, then a person retries it", async () => {
    const payOrderNo = await paidOrder();
    await setFaults(DEMO_APP.id, "wechatpay", { errorPerMille: 1000 });
    let refundNo: string;
    try {
      refundNo = (await refundVia(payOrderNo, 7000)).refundNo;
      const failed = await eventually(async () => {
        const row = await refundRow(refundNo);
        return row.status === "FAILED" && row;
      });
      expect(failed.retryCount).toBe(5);
      expect(failed.failureMessage).toMatch(/\S/);
      expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).refundingAmount).toBe(0n);
      const event = await db.event.findFirstOrThrow({ where: { refundNo, type: "refund.failed" } });
      expect(event.data).toMatchObject({ refundNo, status: "FAILED" });
      expect((await env.api(`/api/v1/refunds/${refundNo}`)).json).toMatchObject({ status: "FAILED", failureReason: failed.failureMessage });
    } finally {
      await setFaults(DEMO_APP.id, "wechatpay", {});
    }
    expect(await outcome((await callerAs("viewer@demo.local")).refunds.retry({ mchNo: MCH, refundNo }))).toBe("FORBIDDEN");
    const finance = await callerAs("finance@demo.local");
    expect((await finance.refunds.retry({ mchNo: MCH, refundNo })).status).toBe("PROCESSING");
    expect(await outcome(finance.refunds.retry({ mchNo: MCH, refundNo }))).toBe("CONFLICT");
    await eventually(async () => (await refundRow(refundNo)).status === "SUCCEEDED");
    expect(await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).toMatchObject({ refundedAmount: 7000n, refundingAmount: 0n });
    expect(await db.auditLog.count({ where: { action: "refund.retried", targetId: refundNo } })).toBe(1);
    await expectBalancedJournal(payOrderNo);
  });
});

describe("refund review in the console", () => {
  it("lets FINANCE approve and OWNER reject held refunds, once each, with a reason and an audit entry", async () => {
    const payOrderNo = await paidOrder(30000);
    const [toApprove, toReject] = await withThreshold(1000n, async () => [await refundVia(payOrderNo, 8000), await refundVia(payOrderNo, 9000)]);
    expect([toApprove.status, toReject.status]).toEqual(["PENDING_REVIEW", "PENDING_REVIEW"]);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).refundingAmount).toBe(17000n);

    for (const email of ["viewer@demo.local", "dev@demo.local", "owner@acme.local"]) {
      const who = await callerAs(email);
      expect(await outcome(who.refunds.review({ mchNo: MCH, refundNo: toApprove.refundNo, decision: "approve" })), email).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
    const owner = await callerAs("owner@demo.local");
    expect(await outcome(owner.refunds.review({ mchNo: MCH, refundNo: toReject.refundNo, decision: "reject", note: "" }))).toBe("BAD_REQUEST");

    const finance = await callerAs("finance@demo.local");
    expect((await finance.refunds.review({ mchNo: MCH, refundNo: toApprove.refundNo, decision: "approve" })).status).toBe("PROCESSING");
    expect(await outcome(owner.refunds.review({ mchNo: MCH, refundNo: toApprove.refundNo, decision: "reject", note: "late" }))).toBe("CONFLICT");
    const rejected = await owner.refunds.review({ mchNo: MCH, refundNo: toReject.refundNo, decision: "reject", note: "goods not returned" });
    expect(rejected).toMatchObject({ status: "REJECTED", reviewNote: "goods not returned" });

    await eventually(async () => (await refundRow(toApprove.refundNo)).status === "SUCCEEDED");
    expect(await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      refundedAmount: 8000n,
      refundingAmount: 0n,
    });
    expect(await db.event.findFirst({ where: { refundNo: toReject.refundNo, type: "refund.rejected" } })).not.toBeNull();
    expect((await env.api(`/api/v1/refunds/${toReject.refundNo}`)).json.status).toBe("REJECTED");
    const audit = await db.auditLog.findMany({ where: { targetId: { in: [toApprove.refundNo, toReject.refundNo] } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["refund.approved", "refund.rejected"]);
    expect(audit[1]).toMatchObject({ ip: "127.0.0.1", actorType: "USER", after: { status: "REJECTED", reviewNote: "goods not returned" } });
  });

  it("decides once when two reviewers click at the same moment", async () => {
    const payOrderNo = await paidOrder();
    const held = await withThreshold(1n, () => refundVia(payOrderNo, 3000));
    const [finance, owner] = await Promise.all([callerAs("finance@demo.local"), callerAs("owner@demo.local")]);
    const results = await Promise.all([
      outcome(finance.refunds.review({ mchNo: MCH, refundNo: held.refundNo, decision: "approve" })),
      outcome(owner.refunds.review({ mchNo: MCH, refundNo: held.refundNo, decision: "reject", note: "no" })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
    const row = await refundRow(held.refundNo);
    expect(order.refundingAmount + order.refundedAmount).toBe(row.status === "REJECTED" ? 0n : 3000n);
  });
});

describe("refunds started in the console", () => {
  it("refunds from the order page once per request id, held for someone else's review above the threshold", async () => {
    const payOrderNo = await paidOrder(15000);
    const finance = await callerAs("finance@demo.local");
    const requestId = randomUUID();
    const small = await finance.payOrders.refund({ mchNo: MCH, payOrderNo, amount: "20.50", reason: "damaged", requestId });
    const again = await finance.payOrders.refund({ mchNo: MCH, payOrderNo, amount: "20.50", reason: "damaged", requestId });
    expect(again.refundNo).toBe(small.refundNo);
    expect(small).toMatchObject({ amount: 2050n, status: "PROCESSING" });
    await eventually(async () => (await refundRow(small.refundNo)).status === "SUCCEEDED");

    const held = await withThreshold(5000n, () => finance.payOrders.refund({ mchNo: MCH, payOrderNo, amount: "60", reason: "return", requestId: randomUUID() }));
    expect(held.status).toBe("PENDING_REVIEW");
    expect(await outcome(finance.refunds.review({ mchNo: MCH, refundNo: held.refundNo, decision: "approve" }))).toBe("FORBIDDEN");
    const owner = await callerAs("owner@demo.local");
    await owner.refunds.review({ mchNo: MCH, refundNo: held.refundNo, decision: "approve" });
    await eventually(async () => (await refundRow(held.refundNo)).status === "SUCCEEDED");

    const tooMuch = finance.payOrders.refund({ mchNo: MCH, payOrderNo, amount: "100", reason: "x", requestId: randomUUID() });
    expect(await outcome(tooMuch)).toBe("CONFLICT");
    for (const amount of ["0", "-1", "1.234", "abc", "1e5", "99999999999"]) {
      expect(await outcome(finance.payOrders.refund({ mchNo: MCH, payOrderNo, amount, reason: "x", requestId: randomUUID() })), amount).toBe("BAD_REQUEST");
    }
    expect(await outcome((await callerAs("dev@demo.local")).payOrders.refund({ mchNo: MCH, payOrderNo, amount: "1", reason: "x", requestId: randomUUID() }))).toBe(
      "FORBIDDEN",
    );
    expect(await db.auditLog.count({ where: { action: "refund.requested", targetId: { in: [small.refundNo, held.refundNo] } } })).toBe(2);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).refundedAmount).toBe(8050n);
  });
});

describe("refund callbacks", () => {
  it("refuses a forged callback, applies the genuine one once, and answers its duplicate without a second entry", async () => {
    const payOrderNo = await paidOrder();
    await setFaults(DEMO_APP.id, "wechatpay", { dropNotifications: true });
    let refundNo: string;
    try {
      refundNo = (await refundVia(payOrderNo, 4000)).refundNo;
      // the sandbox settles the refund by itself but sends nothing: ours stays PROCESSING until a callback or a query
      await eventually(async () => (await db.sandboxRefund.findFirst({ where: { outRefundNo: refundNo, state: "SUCCEEDED" } })) !== null);
    } finally {
      await setFaults(DEMO_APP.id, "wechatpay", {});
    }
    const genuine = await sandboxRefundNotification(DEMO_APP.id, "wechatpay", refundNo);
    const post = (body: string, headers = genuine.headers) => fetch(genuine.url, { method: "POST", headers, body });

    const parsed = JSON.parse(genuine.body);
    parsed.resource.ciphertext = `${parsed.resource.ciphertext.slice(0, -4)}AAAA`;
    const forged = await post(JSON.stringify(parsed));
    expect(forged.status).toBeGreaterThanOrEqual(400);
    const withSignature = (signature: string) =>
      Object.fromEntries(Object.entries(genuine.headers).map(([k, v]) => [k, k.toLowerCase() === "wechatpay-signature" ? signature : v]));
    const sig = Object.entries(genuine.headers).find(([k]) => k.toLowerCase() === "wechatpay-signature")![1];
    const unsigned = await post(genuine.body, withSignature(Buffer.from("x".repeat(256)).toString("base64")));
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    const padded = await post(genuine.body, withSignature(`${sig}, junk`));
    expect(padded.status).toBeGreaterThanOrEqual(400);
    expect((await refundRow(refundNo)).status).toBe("PROCESSING");
    expect(await db.channelNotification.count({ where: { kind: "REFUND", result: "INVALID_SIGNATURE" } })).toBeGreaterThanOrEqual(3);

    expect((await post(genuine.body)).status).toBeLessThan(300);
    expect((await refundRow(refundNo)).status).toBe("SUCCEEDED");
    expect((await post(genuine.body)).status).toBeLessThan(300);
    const entries = await expectBalancedJournal(payOrderNo);
    expect(entries.filter((e) => e.refundNo === refundNo)).toHaveLength(1);
    expect(await db.event.count({ where: { refundNo, type: "refund.succeeded" } })).toBe(1);
    expect(await db.channelNotification.count({ where: { refundNo, result: "ACCEPTED" } })).toBeGreaterThanOrEqual(2);
  });
});
