import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import type { openApiClient } from "@/server/testing/open-api-client";
import { createPaidTestOrder } from "@/server/testing/order-fixtures";
import { eventually } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

const LINES = [
  { sku: "SOFA-3", quantity: 1, unitPrice: 30000 },
  { sku: "LAMP-1", quantity: 2, unitPrice: 35000 },
];
const split = (orderNo: string, parts: unknown) => api(`/api/v1/orders/${orderNo}/split`, { body: { parts } });

describe("POST /api/v1/orders/{orderNo}/split", () => {
  it("makes one PAID child per part, sharing discount and shipping pro rata, and the parent SPLIT for good", async () => {
    const { orderNo } = await createPaidTestOrder(api, { lines: LINES, discountAmount: 10000, shippingAmount: 1001 });
    const answer = await split(orderNo, [{ lines: [{ sku: "SOFA-3", quantity: 1 }, { sku: "LAMP-1", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 1 }] }]);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ orderNo, status: "SPLIT", parentOrderNo: null });
    expect(answer.json.childOrderNos).toHaveLength(2);
    expect(answer.json.childOrderNos).toEqual([...answer.json.childOrderNos].sort());
    expect(answer.json.timeline.at(-1)).toMatchObject({ status: "SPLIT", by: "api" });

    const children = await Promise.all((answer.json.childOrderNos as string[]).map((no) => db.order.findUniqueOrThrow({ where: { orderNo: no }, include: { lines: true, timeline: true } })));
    // goods 65,000 and 35,000 of 100,000: discount 6,500 / 3,500, shipping 650.65 → 651 / 350
    expect(children.map((c) => [c.status, c.parentOrderNo, c.discountAmount, c.shippingAmount, c.payableAmount, c.paidAmount])).toEqual([
      ["PAID", orderNo, 6500n, 651n, 59151n, 59151n],
      ["PAID", orderNo, 3500n, 350n, 31850n, 31850n],
    ]);
    expect(children[0].lines.map((l) => [l.sku, l.quantity, l.amount]).sort()).toEqual([["LAMP-1", 1, 35000n], ["SOFA-3", 1, 30000n]]);
    expect(children.every((c) => c.timeline.length === 1 && c.timeline[0].status === "PAID")).toBe(true);
    expect(children.every((c) => c.buyerId === "U1001" && c.storeId === "S01")).toBe(true);

    const again = await split(orderNo, [{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 2 }] }]);
    expect([again.status, again.json.error.code]).toEqual([409, "INVALID_TRANSITION"]);
    expect(await db.order.count({ where: { parentOrderNo: orderNo } })).toBe(2);
    const events = await db.event.findMany({ where: { orderNo, type: "order.status_changed" }, orderBy: { seq: "asc" } });
    expect(events.at(-1)?.data).toMatchObject({ status: "SPLIT", previousStatus: "PAID" });
  }, 30_000);

  it("refuses parts that do not hold exactly the order's lines, and orders that cannot be split", async () => {
    const { orderNo } = await createPaidTestOrder(api, { lines: LINES, status: "TO_SHIP" });
    for (const [parts, field] of [
      [[{ lines: [{ sku: "SOFA-3", quantity: 1 }, { sku: "LAMP-1", quantity: 2 }] }], "parts"],
      [[{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 1 }] }], "parts"],
      [[{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 3 }] }], "parts.1.lines.0.quantity"],
      [[{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "DESK", quantity: 2 }] }], "parts.1.lines.0.sku"],
      [[{ lines: [{ sku: "SOFA-3", quantity: 1 }, { sku: "LAMP-1", quantity: 2 }] }, { lines: [] }], "parts.1.lines"],
      [[{ lines: [{ sku: "SOFA-3", quantity: 0 }] }, { lines: [{ sku: "LAMP-1", quantity: 2 }] }], "parts.0.lines.0.quantity"],
      ["two", "parts"],
    ] as const) {
      const answer = await split(orderNo, parts);
      expect([answer.status, answer.json.error.code, answer.json.error.field], JSON.stringify(parts)).toEqual([400, "VALIDATION_FAILED", field]);
    }
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("TO_SHIP");
    expect(await db.order.count({ where: { parentOrderNo: orderNo } })).toBe(0);

    const { orderNo: shipped } = await createPaidTestOrder(api, { lines: LINES, status: "SHIPPED" });
    const late = await split(shipped, [{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 2 }] }]);
    expect([late.status, late.json.error.code]).toEqual([409, "INVALID_TRANSITION"]);
    for (const no of ["O20260101000000000XXXXXXXX", "%00"]) {
      const unknown = await split(no, [{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 2 }] }]);
      expect([unknown.status, unknown.json.error.code], no).toEqual([404, "ORDER_NOT_FOUND"]);
    }
  }, 30_000);

  it("splits once when five splits race", async () => {
    const { orderNo } = await createPaidTestOrder(api, { lines: LINES });
    const parts = [{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 2 }] }];
    const answers = await Promise.all(Array.from({ length: 5 }, () => split(orderNo, parts)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error.code === "INVALID_TRANSITION")).toBe(true);
    expect(await db.order.count({ where: { parentOrderNo: orderNo } })).toBe(2);
  }, 30_000);

  it("a child ships and takes after-sales on its own, refunded from the parent's pay order", async () => {
    const { orderNo, payOrderNo } = await createPaidTestOrder(api, { lines: LINES });
    const answer = await split(orderNo, [{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 2 }] }]);
    const [first, second] = answer.json.childOrderNos as string[];
    const shipped = await api("/api/v1/shipments", { body: { orderNos: [first], carrier: "SF", trackingNo: "SF100" } });
    expect(shipped.status).toBe(201);
    const child = (await db.order.findUniqueOrThrow({ where: { orderNo: first } }));
    const over = await api(`/api/v1/orders/${first}/after-sales`, { body: { afterSaleNo: `SPL-${first}-0`, type: "refund_only", amount: Number(child.paidAmount) + 1 } });
    expect([over.status, over.json.error.code]).toEqual([409, "REFUND_EXCEEDS_REFUNDABLE"]);
    const created = await api(`/api/v1/orders/${first}/after-sales`, { body: { afterSaleNo: `SPL-${first}`, type: "return", amount: Number(child.paidAmount) } });
    expect(created.status).toBe(201);
    await api(`/api/v1/after-sales/${created.json.afterSaleId}/approve`, { method: "POST" });
    await eventually(async () => (await db.afterSale.findUniqueOrThrow({ where: { afterSaleId: created.json.afterSaleId } })).status === "REFUNDED");
    const refunds = await db.refund.findMany({ where: { afterSaleId: created.json.afterSaleId } });
    expect(refunds.map((r) => [r.payOrderNo, r.orderNo, r.amount])).toEqual([[payOrderNo, first, child.paidAmount]]);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: first } })).refundedAmount).toBe(child.paidAmount);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: second } })).status).toBe("PAID");
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).status).toBe("SPLIT");
  }, 40_000);

  it("a cancelled child is refunded its share from the parent's pay order; its sibling is untouched", async () => {
    const { orderNo, payOrderNo } = await createPaidTestOrder(api, { lines: LINES, discountAmount: 10000 });
    const answer = await split(orderNo, [{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 2 }] }]);
    const [first, second] = answer.json.childOrderNos as string[];
    const cancelled = await api(`/api/v1/orders/${first}/cancel`, { body: { reason: "changed mind" } });
    expect([cancelled.status, cancelled.json.status]).toEqual([200, "CANCELLED"]);
    const child = await db.order.findUniqueOrThrow({ where: { orderNo: first } });
    await eventually(async () => (await db.order.findUniqueOrThrow({ where: { orderNo: first } })).refundedAmount === child.paidAmount);
    const refunds = await db.refund.findMany({ where: { orderNo: first } });
    expect(refunds.map((r) => [r.payOrderNo, r.mchRefundNo, r.amount, r.status])).toEqual([[payOrderNo, `${first}-cancel-1`, child.paidAmount, "SUCCEEDED"]]);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).refundedAmount).toBe(child.paidAmount);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: second } })).refundedAmount).toBe(0n);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).refundedAmount).toBe(0n);
    // cancelling again refunds nothing more
    expect((await api(`/api/v1/orders/${first}/cancel`, { body: {} })).status).toBe(200);
    expect(await db.refund.count({ where: { orderNo: first } })).toBe(1);
  }, 40_000);

  it("a split racing a cancel of the parent: one of them happens, never both", async () => {
    for (let round = 0; round < 3; round++) {
      const { orderNo } = await createPaidTestOrder(api, { lines: LINES });
      const parts = [{ lines: [{ sku: "SOFA-3", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 2 }] }];
      const [splitAnswer, cancelAnswer] = await Promise.all([split(orderNo, parts), api(`/api/v1/orders/${orderNo}/cancel`, { body: { reason: "race" } })]);
      const parent = await db.order.findUniqueOrThrow({ where: { orderNo } });
      const children = await db.order.count({ where: { parentOrderNo: orderNo } });
      const refunds = await db.refund.count({ where: { orderNo } });
      if (parent.status === "SPLIT") {
        expect([splitAnswer.status, cancelAnswer.status, cancelAnswer.json.error.code, children, refunds]).toEqual([200, 409, "ORDER_NOT_CANCELLABLE", 2, 0]);
      } else {
        expect([parent.status, cancelAnswer.status, splitAnswer.status, splitAnswer.json.error.code, children, refunds]).toEqual(["CANCELLED", 200, 409, "INVALID_TRANSITION", 0, 1]);
      }
    }
  }, 60_000);
});
