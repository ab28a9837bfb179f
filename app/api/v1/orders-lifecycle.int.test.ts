import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import type { openApiClient } from "@/server/testing/open-api-client";
import { orderCenterClient } from "@/server/testing/order-fixtures";
import { eventually } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

const { createOrder, pay, order, statusIs } = orderCenterClient(api, "LC", { type: "standard", scene: "mall", storeId: "S01", buyer: { id: "U2001", phone: "13900139000" }, lines: [{ sku: "BED-1", name: "床", quantity: 2, unitPrice: 50000 }], payableAmount: 100000 });

async function paidOrder(overrides: Record<string, unknown> = {}) {
  const created = await createOrder(overrides);
  expect((await pay(created.payments[0].payOrderNo)).status).toBe(202);
  await statusIs(created.orderNo, "PAID");
  return created;
}

describe("payments move the order", () => {
  it("makes the order PAID with its pay order, in one transaction, and tells the business system", async () => {
    const created = await paidOrder();
    const view = (await api(`/api/v1/orders/${created.orderNo}`)).json;
    expect(view).toMatchObject({ status: "PAID", paidAmount: 100000, refundedAmount: 0, payments: [{ purpose: "full", status: "PAID" }] });
    expect(view.timeline.map((t: { status: string; by: string }) => `${t.status}:${t.by}`)).toEqual(["PENDING_PAYMENT:api", "PAID:payment"]);
    const stored = await order(created.orderNo);
    expect(stored.paidAt).not.toBeNull();
    expect(stored.shipBy?.getTime()).toBe((stored.paidAt as Date).getTime() + 48 * 3600_000);
    const changed = await db.event.findFirstOrThrow({ where: { orderNo: created.orderNo, type: "order.status_changed" } });
    expect(changed.data).toMatchObject({ status: "PAID", previousStatus: "PENDING_PAYMENT", buyer: { phone: "139****9000" } });
    // the pay order's own event is on the order's record too (the console's per-order log), delivered as a pay order event
    expect(await db.event.count({ where: { orderNo: created.orderNo, type: "pay_order.succeeded" } })).toBe(1);
  });

  it("counts a merchant's own refund of the order's pay order in the order's refundedAmount, once", async () => {
    const created = await paidOrder();
    const payOrderNo = created.payments[0].payOrderNo;
    const refund = await api("/api/v1/refunds", { body: { payOrderNo, mchRefundNo: `${created.orderNo}-R1`, amount: 30000 } });
    expect(refund.status).toBe(201);
    await eventually(async () => (await db.refund.findUniqueOrThrow({ where: { refundNo: refund.json.refundNo } })).status === "SUCCEEDED");
    expect(await order(created.orderNo)).toMatchObject({ status: "PAID", paidAmount: 100000n, refundedAmount: 30000n });
  });

  it("takes a presale deposit, opens the balance until balanceDueAt, then PAID when the balance is paid", async () => {
    const balanceDueAt = new Date(Date.now() + 3 * 86_400_000);
    const created = await createOrder({ type: "presale", presale: { depositAmount: 30000, balanceDueAt: balanceDueAt.toISOString() } });
    await pay(created.payments[0].payOrderNo);
    await statusIs(created.orderNo, "DEPOSIT_PAID");
    const view = (await api(`/api/v1/orders/${created.orderNo}`)).json;
    expect(view.paidAmount).toBe(30000);
    const balance = view.payments.find((p: { purpose: string }) => p.purpose === "balance");
    expect(balance).toMatchObject({ amount: 70000, status: "PENDING" });
    const balanceOrder = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: balance.payOrderNo } });
    expect([balanceOrder.mchOrderNo, balanceOrder.expiresAt.toISOString()]).toEqual([`${created.orderNo}-balance`, balanceDueAt.toISOString()]);
    await pay(balance.payOrderNo);
    await statusIs(created.orderNo, "PAID");
    expect((await order(created.orderNo)).paidAmount).toBe(100000n);
  });

  it("cancels a PENDING_PAYMENT order whose pay order is closed unpaid (payment_timeout)", async () => {
    const created = await createOrder();
    const closed = await api(`/api/v1/pay-orders/${created.payments[0].payOrderNo}/close`, { method: "POST", body: {} });
    expect(closed.status).toBe(200);
    expect(await order(created.orderNo)).toMatchObject({ status: "CANCELLED", cancelReason: "payment_timeout" });
    expect(await db.event.count({ where: { orderNo: created.orderNo, type: "order.cancelled" } })).toBe(1);
  });
});

describe("POST /api/v1/orders/{orderNo}/transitions", () => {
  it("moves forward along the flow, skipping allowed, with carrier and tracking on the timeline and a shipment", async () => {
    const created = await paidOrder();
    const path = `/api/v1/orders/${created.orderNo}/transitions`;
    const toShip = await api(path, { body: { to: "TO_SHIP", note: "picked" } });
    expect([toShip.status, toShip.json.status]).toEqual([200, "TO_SHIP"]);
    const shipped = await api(path, { body: { to: "SHIPPED", carrier: "SF", trackingNo: "SF1234567890" } });
    expect(shipped.json.status).toBe("SHIPPED");
    expect(shipped.json.timeline.at(-1)).toMatchObject({ status: "SHIPPED", by: "api", carrier: "SF", trackingNo: "SF1234567890" });
    expect(shipped.json.timeline.at(-2)).toMatchObject({ status: "TO_SHIP", note: "picked" });
    expect(shipped.json.shipments).toEqual([expect.objectContaining({ carrier: "SF", trackingNo: "SF1234567890" })]);
    for (const to of ["TO_SHIP", "PAID", "SHIPPED", "CANCELLED", "SPLIT", "TO_MEASURE"]) {
      const refused = await api(path, { body: { to } });
      expect([refused.status, refused.json.error.code], to).toEqual([409, "INVALID_TRANSITION"]);
    }
    for (const body of [{}, { to: "LOST" }, { to: "COMPLETED", extra: 1 }, { to: "COMPLETED", trackingNo: "有 空格" }]) {
      const refused = await api(path, { body });
      expect([refused.status, refused.json.error.code], JSON.stringify(body)).toEqual([400, "VALIDATION_FAILED"]);
    }
    const done = await api(path, { body: { to: "COMPLETED" } });
    expect(done.json.status).toBe("COMPLETED");
    expect(await db.event.count({ where: { orderNo: created.orderNo, type: "order.status_changed" } })).toBe(4);
  });

  it("refuses any move of an unpaid order and follows custom_home", async () => {
    const unpaid = await createOrder();
    const refused = await api(`/api/v1/orders/${unpaid.orderNo}/transitions`, { body: { to: "TO_SHIP" } });
    expect([refused.status, refused.json.error.code]).toEqual([409, "INVALID_TRANSITION"]);
    const custom = await paidOrder({ type: "custom" });
    const measured = await api(`/api/v1/orders/${custom.orderNo}/transitions`, { body: { to: "TO_MEASURE" } });
    expect(measured.json.status).toBe("TO_MEASURE");
    const install = await api(`/api/v1/orders/${custom.orderNo}/transitions`, { body: { to: "TO_INSTALL" } });
    expect(install.json.status).toBe("TO_INSTALL");
    const back = await api(`/api/v1/orders/${custom.orderNo}/transitions`, { body: { to: "TO_DESIGN" } });
    expect(back.json.error.code).toBe("INVALID_TRANSITION");
    const missing = await api(`/api/v1/orders/O2026120300000000000000000/transitions`, { body: { to: "TO_SHIP" } });
    expect([missing.status, missing.json.error.code]).toEqual([404, "ORDER_NOT_FOUND"]);
  });
});

describe("POST /api/v1/orders/{orderNo}/cancel", () => {
  it("cancels an unpaid order and closes its pay order; again answers 200 unchanged", async () => {
    const created = await createOrder();
    const cancelled = await api(`/api/v1/orders/${created.orderNo}/cancel`, { body: { reason: "buyer changed mind" } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: "CANCELLED", cancelReason: "requested", cancelNote: "buyer changed mind", payments: [{ status: "CLOSED" }] });
    const again = await api(`/api/v1/orders/${created.orderNo}/cancel`, { body: {} });
    expect([again.status, again.json.updatedAt, again.json.timeline.length]).toEqual([200, cancelled.json.updatedAt, cancelled.json.timeline.length]);
    expect(await db.event.count({ where: { orderNo: created.orderNo, type: "order.cancelled" } })).toBe(1);
  });

  it("refunds every paid pay order in full (<orderNo>-cancel-<n>) and refuses once shipped", async () => {
    const created = await paidOrder();
    const cancelled = await api(`/api/v1/orders/${created.orderNo}/cancel`, { body: { reason: "out of stock" } });
    expect(cancelled.json.status).toBe("CANCELLED");
    const refund = await db.refund.findFirstOrThrow({ where: { payOrderNo: created.payments[0].payOrderNo } });
    expect(refund).toMatchObject({ mchRefundNo: `${created.orderNo}-cancel-1`, amount: 100000n, orderNo: created.orderNo, kind: "MERCHANT" });
    await eventually(async () => (await order(created.orderNo)).refundedAmount === 100000n);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: refund.payOrderNo } })).status).toBe("REFUNDED");

    const shipped = await paidOrder();
    await api(`/api/v1/orders/${shipped.orderNo}/transitions`, { body: { to: "SHIPPED" } });
    const refused = await api(`/api/v1/orders/${shipped.orderNo}/cancel`, { body: {} });
    expect([refused.status, refused.json.error.code]).toEqual([409, "ORDER_NOT_CANCELLABLE"]);
    const missing = await api(`/api/v1/orders/nope/cancel`, { body: {} });
    expect([missing.status, missing.json.error.code]).toEqual([404, "ORDER_NOT_FOUND"]);
  });

  it("refunds a cancelled child of a split its share, from the parent's pay order", async () => {
    const created = await paidOrder({
      lines: [
        { sku: "BED-1", name: "床", quantity: 1, unitPrice: 70000 },
        { sku: "LAMP-1", name: "台灯", quantity: 1, unitPrice: 30000 },
      ],
    });
    const split = await api(`/api/v1/orders/${created.orderNo}/split`, { body: { parts: [{ lines: [{ sku: "BED-1", quantity: 1 }] }, { lines: [{ sku: "LAMP-1", quantity: 1 }] }] } });
    expect(split.status).toBe(200);
    const [first, second] = split.json.childOrderNos as string[];
    const child = await order(first);
    expect(child.paidAmount).toBe(70000n);
    const cancelled = await api(`/api/v1/orders/${first}/cancel`, { body: { reason: "no longer wanted" } });
    expect(cancelled.json.status).toBe("CANCELLED");
    const refunds = await db.refund.findMany({ where: { orderNo: first } });
    expect(refunds.map((r) => [r.mchRefundNo, r.payOrderNo, r.amount])).toEqual([[`${first}-cancel-1`, created.payments[0].payOrderNo, 70000n]]);
    await eventually(async () => (await order(first)).refundedAmount === 70000n);
    expect(await order(second)).toMatchObject({ status: "PAID", refundedAmount: 0n });
    expect((await order(created.orderNo)).refundedAmount).toBe(0n);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.payments[0].payOrderNo } })).status).toBe("PARTIALLY_REFUNDED");
  });

  it("racing a payment: always cancelled, either paid and refunded in full or unpaid — never both, never neither", async () => {
    const outcomes = { refunded: 0, unpaid: 0 };
    for (let round = 0; round < 12; round++) {
      const created = await createOrder();
      const payOrderNo = created.payments[0].payOrderNo;
      const [paid, cancelled] = await Promise.all([pay(payOrderNo), api(`/api/v1/orders/${created.orderNo}/cancel`, { body: { reason: `race ${round}` } })]);
      expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
      expect([202, 409, 502]).toContain(paid.status);
      // settled: the pay order closed unpaid, or paid and every refund of it through
      const settled = await eventually(async () => {
        // one snapshot: reads on separate connections could see a refund settled and its pay order not yet
        const [o, p, attempts, refunds] = await db.$transaction(
          [
            db.order.findUniqueOrThrow({ where: { orderNo: created.orderNo } }),
            db.payOrder.findUniqueOrThrow({ where: { payOrderNo } }),
            db.payment.findMany({ where: { payOrderNo } }),
            db.refund.findMany({ where: { payOrderNo } }),
          ],
          { isolationLevel: "RepeatableRead" },
        );
        const attemptsFinal = attempts.every((a) => ["SUCCEEDED", "CLOSED", "FAILED"].includes(a.status));
        if (!attemptsFinal || p.status === "PENDING") return null;
        if (p.status === "CLOSED" && o.paidAmount === 0n) return { o, p, refunds };
        if (o.paidAmount > 0n && refunds.length > 0 && refunds.every((r) => r.status === "SUCCEEDED") && o.refundedAmount === o.paidAmount) return { o, p, refunds };
        return null;
      }, 20_000);
      expect(settled.o.status).toBe("CANCELLED");
      if (settled.o.paidAmount > 0n) {
        outcomes.refunded++;
        expect(settled.o.paidAmount).toBe(100000n);
        expect(settled.refunds.map((r) => [r.mchRefundNo, r.amount])).toEqual([[`${created.orderNo}-cancel-1`, 100000n]]);
        expect(settled.p.status).toBe("REFUNDED");
      } else {
        outcomes.unpaid++;
        expect(settled.refunds).toEqual([]);
      }
    }
    expect(outcomes.refunded + outcomes.unpaid).toBe(12);
  }, 120_000);
});
