import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import type { openApiClient } from "@/server/testing/open-api-client";
import { createPaidTestOrder } from "@/server/testing/order-fixtures";
import { issueAfterSaleRefunds } from "@/server/services/after-sales/issue-after-sale-refunds";
import { retryRefund } from "@/server/services/refunds/retry-refund";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually, setFaults } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let counter = 0;
const asNo = () => `AS-${Date.now()}-${counter++}`;
const afterSale = (orderNo: string, body: Record<string, unknown>) => api(`/api/v1/orders/${orderNo}/after-sales`, { body: { afterSaleNo: asNo(), type: "return", amount: 1000, ...body } });

describe("after-sales", () => {
  it("takes a request from SHIPPED on, replays it, and refunds it on approval from the order's pay order", async () => {
    const { orderNo, payOrderNo, payable } = await createPaidTestOrder(api, { status: "SHIPPED", notifyUrl: "http://127.0.0.1:9/order-hook" });
    const afterSaleNo = asNo();
    const body = { afterSaleNo, type: "return", amount: 5000, lines: [{ sku: "LAMP-1", quantity: 1 }], reason: "broken" };
    const created = await api(`/api/v1/orders/${orderNo}/after-sales`, { body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ afterSaleNo, orderNo, type: "return", amount: 5000, status: "PENDING_REVIEW", lines: [{ sku: "LAMP-1", quantity: 1 }] });
    expect(created.json.afterSaleId).toMatch(/^A\d{17}/);
    const replay = await api(`/api/v1/orders/${orderNo}/after-sales`, { body });
    expect([replay.status, replay.json.afterSaleId]).toEqual([200, created.json.afterSaleId]);
    const mismatch = await api(`/api/v1/orders/${orderNo}/after-sales`, { body: { ...body, amount: 5001 } });
    expect([mismatch.status, mismatch.json.error.code]).toEqual([409, "REFUND_PARAMS_MISMATCH"]);

    const approved = await api(`/api/v1/after-sales/${created.json.afterSaleId}/approve`, { method: "POST" });
    expect([approved.status, approved.json.status]).toEqual([200, "REFUNDING"]);
    const refunded = await eventually(async () => {
      const got = await api(`/api/v1/after-sales/${created.json.afterSaleId}`);
      return got.json.status === "REFUNDED" && got.json;
    });
    expect(refunded).toMatchObject({ refundedAmount: 5000 });
    const refunds = await db.refund.findMany({ where: { afterSaleId: created.json.afterSaleId } });
    expect(refunds.map((r) => [r.payOrderNo, r.amount, r.status, r.orderNo])).toEqual([[payOrderNo, 5000n, "SUCCEEDED", orderNo]]);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).refundedAmount).toBe(5000n);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).refundedAmount).toBe(5000n);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("SHIPPED");
    const types = (await db.event.findMany({ where: { orderNo, type: { startsWith: "after_sale." } }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["after_sale.created", "after_sale.refunded"]);
    // after-sale events go to the order's notifyUrl
    const deliveries = await db.webhookDelivery.findMany({ where: { event: { orderNo, type: { startsWith: "after_sale." } } } });
    expect(deliveries.map((d) => d.url)).toEqual(["http://127.0.0.1:9/order-hook", "http://127.0.0.1:9/order-hook"]);

    // the same decision again: unchanged; the other: 409
    const again = await api(`/api/v1/after-sales/${created.json.afterSaleId}/approve`, { method: "POST" });
    expect([again.status, again.json.status]).toEqual([200, "REFUNDED"]);
    const reject = await api(`/api/v1/after-sales/${created.json.afterSaleId}/reject`, { body: { reason: "late" } });
    expect([reject.status, reject.json.error.code]).toEqual([409, "INVALID_TRANSITION"]);
    expect(await db.refund.count({ where: { afterSaleId: created.json.afterSaleId } })).toBe(1);

    // what is left to refund: paid − refunded − open after-sales
    const open = await afterSale(orderNo, { amount: payable - 5000 - 100 });
    expect(open.status).toBe(201);
    const over = await afterSale(orderNo, { amount: 101, type: "refund_only" });
    expect([over.status, over.json.error.code, over.json.error.field]).toEqual([409, "REFUND_EXCEEDS_REFUNDABLE", "amount"]);
    expect((await afterSale(orderNo, { amount: 100, type: "refund_only" })).status).toBe(201);
  }, 40_000);

  it("rejects with a reason, once; approving a rejected one is 409", async () => {
    const { orderNo } = await createPaidTestOrder(api, { status: "COMPLETED" });
    const created = await afterSale(orderNo, { type: "refund_only", amount: 100 });
    expect(created.status).toBe(201);
    const id = created.json.afterSaleId;
    const noReason = await api(`/api/v1/after-sales/${id}/reject`, { body: {} });
    expect([noReason.status, noReason.json.error.field]).toEqual([400, "reason"]);
    const rejected = await api(`/api/v1/after-sales/${id}/reject`, { body: { reason: "used item" } });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ status: "REJECTED", rejectReason: "used item" });
    const again = await api(`/api/v1/after-sales/${id}/reject`, { body: { reason: "other words" } });
    expect(again.json).toMatchObject({ status: "REJECTED", rejectReason: "used item" });
    const approve = await api(`/api/v1/after-sales/${id}/approve`, { method: "POST" });
    expect([approve.status, approve.json.error.code]).toEqual([409, "INVALID_TRANSITION"]);
    expect(await db.refund.count({ where: { afterSaleId: id } })).toBe(0);
    expect(await db.event.count({ where: { orderNo, type: "after_sale.rejected" } })).toBe(1);
    // a rejected after-sale holds nothing: the whole amount can be asked again
    const order = await db.order.findUniqueOrThrow({ where: { orderNo } });
    expect((await afterSale(orderNo, { amount: Number(order.paidAmount) })).status).toBe(201);
  }, 40_000);

  it("refuses orders not shipped yet, unknown ids and malformed requests", async () => {
    const { orderNo } = await createPaidTestOrder(api, { status: "TO_SHIP" });
    const early = await afterSale(orderNo, {});
    expect([early.status, early.json.error.code]).toEqual([409, "INVALID_TRANSITION"]);
    const { orderNo: shipped } = await createPaidTestOrder(api, { status: "TO_RECEIVE" });
    for (const [body, field] of [
      [{ amount: 0 }, "amount"],
      [{ amount: 1.5 }, "amount"],
      [{ type: "exchange" }, "type"],
      [{ afterSaleNo: "has space" }, "afterSaleNo"],
      [{ lines: [{ sku: "NOPE", quantity: 1 }] }, "lines.0.sku"],
      [{ lines: [{ sku: "SOFA-3", quantity: 2 }] }, "lines.0.quantity"],
      [{ extra: true }, ""],
    ] as const) {
      const answer = await afterSale(shipped, body);
      expect([answer.status, answer.json.error.code], JSON.stringify(body)).toEqual([400, "VALIDATION_FAILED"]);
      if (field) expect(answer.json.error.field).toBe(field);
    }
    const malformed = await api(`/api/v1/orders/${shipped}/after-sales`, { raw: "{not json" });
    expect(malformed.status).toBe(400);
    for (const no of ["O20260101000000000XXXXXXXX", "%00"]) {
      const unknownOrder = await afterSale(no, {});
      expect([unknownOrder.status, unknownOrder.json.error.code], no).toEqual([404, "ORDER_NOT_FOUND"]);
    }
    for (const id of ["A20260101000000000XXXXXXXX", "not-an-id", "%00", `A${"1".repeat(69)}`]) {
      const got = await api(`/api/v1/after-sales/${id}`);
      expect([got.status, got.json.error.code], id).toEqual([404, "AFTER_SALE_NOT_FOUND"]);
      const approve = await api(`/api/v1/after-sales/${id}/approve`, { method: "POST" });
      expect([approve.status, approve.json.error.code], id).toEqual([404, "AFTER_SALE_NOT_FOUND"]);
    }
    expect(await db.afterSale.count({ where: { orderNo: shipped } })).toBe(0);
  }, 40_000);

  it("never promises or refunds more than was paid when after-sales and approvals race", async () => {
    const { orderNo, payOrderNo, payable } = await createPaidTestOrder(api, { status: "SHIPPED" });
    const share = Math.floor(payable / 4);
    const answers = await Promise.all(Array.from({ length: 10 }, () => afterSale(orderNo, { amount: share })));
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(4);
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error.code === "REFUND_EXCEEDS_REFUNDABLE")).toBe(true);
    // each approved twice at once
    const decisions = await Promise.all(created.flatMap((a) => [0, 1].map(() => api(`/api/v1/after-sales/${a.json.afterSaleId}/approve`, { method: "POST" }))));
    expect(decisions.every((d) => d.status === 200 && d.json.status !== "PENDING_REVIEW")).toBe(true);
    await eventually(async () => (await db.afterSale.count({ where: { orderNo, status: "REFUNDED" } })) === 4, 25_000);
    const refunds = await db.refund.findMany({ where: { orderNo } });
    expect(refunds).toHaveLength(4);
    expect(refunds.reduce((sum, r) => sum + r.amount, 0n)).toBe(BigInt(share * 4));
    const payOrder = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
    expect(payOrder.refundedAmount).toBe(BigInt(share * 4));
    expect(await db.event.count({ where: { orderNo, type: "after_sale.refunded" } })).toBe(4);
  }, 60_000);

  it("replaces a refund the channel refused, and lets nobody retry the refused one too (the after-sale is paid once)", async () => {
    const { orderNo } = await createPaidTestOrder(api, { status: "SHIPPED" });
    const created = await afterSale(orderNo, { amount: 3000 });
    const afterSaleId = created.json.afterSaleId as string;
    await setFaults(DEMO_APP.id, "wechatpay", { errorPerMille: 1000 });
    let refused: { refundNo: string; merchantId: string };
    try {
      expect((await api(`/api/v1/after-sales/${afterSaleId}/approve`, { method: "POST" })).json.status).toBe("REFUNDING");
      refused = await eventually(async () => db.refund.findFirst({ where: { afterSaleId, status: "FAILED" } }), 60_000);
    } finally {
      await setFaults(DEMO_APP.id, "wechatpay", {});
    }
    // a person cannot send the refused one again: the after-sale's own replacement would make it twice
    await expect(retryRefund(refused.merchantId, refused.refundNo, { type: "SYSTEM" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await api(`/api/v1/after-sales/${afterSaleId}`)).json.status).toBe("REFUNDING");

    await issueAfterSaleRefunds(afterSaleId); // the replacement job (queued a minute after the failure), now
    await issueAfterSaleRefunds(afterSaleId); // and again: nothing twice
    const done = await eventually(async () => {
      const got = await api(`/api/v1/after-sales/${afterSaleId}`);
      return got.json.status === "REFUNDED" && got.json;
    }, 30_000);
    expect(done.refundedAmount).toBe(3000);
    const refunds = await db.refund.findMany({ where: { afterSaleId }, orderBy: { createdAt: "asc" } });
    expect(refunds.map((r) => [r.mchRefundNo, r.amount, r.status])).toEqual([
      [`${afterSaleId}-1`, 3000n, "FAILED"],
      [`${afterSaleId}-2`, 3000n, "SUCCEEDED"],
    ]);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).refundedAmount).toBe(3000n);
  }, 90_000);
});
