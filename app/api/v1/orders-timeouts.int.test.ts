import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { sweepOrderTimeouts } from "@/server/services/orders/order-timeouts";
import { sweepExpiredOrders } from "@/server/services/payments/expire-sweep";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import type { openApiClient } from "@/server/testing/open-api-client";
import { orderCenterClient } from "@/server/testing/order-fixtures";
import { eventually } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

// the business system's webhook receiver
const received: { type: string; data: { orderNo?: string; status?: string; previousStatus?: string } }[] = [];
let receiver: Server;
let receiverUrl: string;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/order-notify`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const { createOrder, pay, order, statusIs } = orderCenterClient(api, "TO", { type: "standard", scene: "mall", buyer: { id: "U3001" }, lines: [{ sku: "LAMP", name: "台灯", quantity: 1, unitPrice: 20000 }], payableAmount: 20000 });
const past = () => new Date(Date.now() - 1000);

describe("order deadlines", () => {
  it("cancels an order not paid within expireInSeconds (payment_timeout), closing its pay order; a second sweep changes nothing", async () => {
    const created = await createOrder();
    const untouched = await createOrder();
    await db.order.update({ where: { orderNo: created.orderNo }, data: { payBy: past() } });
    expect((await sweepOrderTimeouts()).paymentTimeouts).toBe(1);
    expect(await order(created.orderNo)).toMatchObject({ status: "CANCELLED", cancelReason: "payment_timeout" });
    expect((await order(untouched.orderNo)).status).toBe("PENDING_PAYMENT");
    await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.payments[0].payOrderNo } })).status === "CLOSED");
    expect((await sweepOrderTimeouts()).paymentTimeouts).toBe(0);
    const timeline = await db.orderTimelineEntry.findMany({ where: { orderNo: created.orderNo, status: "CANCELLED" } });
    expect(timeline.map((t) => t.by)).toEqual(["timeout"]);

    // an order that opened no pay order times out all the same
    const later = await createOrder({ openPayment: false });
    expect((await sweepOrderTimeouts(new Date(Date.now() + 1801_000))).paymentTimeouts).toBeGreaterThanOrEqual(1);
    expect((await order(later.orderNo)).status).toBe("CANCELLED");
  });

  it("cancels the order when the payment center expires its pay order (the pay orders' own expiry sweep)", async () => {
    const created = await createOrder();
    const payOrderNo = created.payments[0].payOrderNo;
    await db.payOrder.update({ where: { payOrderNo }, data: { expiresAt: past() } });
    expect(await sweepExpiredOrders()).toBeGreaterThanOrEqual(1);
    await statusIs(created.orderNo, "CANCELLED");
    expect(await order(created.orderNo)).toMatchObject({ cancelReason: "payment_timeout", paidAmount: 0n });
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).status).toBe("CLOSED");
    const entry = await db.orderTimelineEntry.findFirstOrThrow({ where: { orderNo: created.orderNo, status: "CANCELLED" } });
    expect(entry.by).toBe("payment");
  });

  it("cancels a DEPOSIT_PAID order at balanceDueAt: the deposit kept unless refundable", async () => {
    const balanceDueAt = new Date(Date.now() + 86_400_000).toISOString();
    for (const depositRefundable of [false, true]) {
      const created = await createOrder({ type: "presale", presale: { depositAmount: 5000, balanceDueAt, depositRefundable } });
      await pay(created.payments[0].payOrderNo);
      await statusIs(created.orderNo, "DEPOSIT_PAID");
      await db.order.update({ where: { orderNo: created.orderNo }, data: { balanceDueAt: past() } });
      expect((await sweepOrderTimeouts()).balanceTimeouts).toBe(1);
      expect(await order(created.orderNo)).toMatchObject({ status: "CANCELLED", cancelReason: "balance_timeout", paidAmount: 5000n });
      const balance = await db.payOrder.findFirstOrThrow({ where: { orderNo: created.orderNo, purpose: "balance" } });
      await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: balance.payOrderNo } })).status === "CLOSED");
      if (depositRefundable) {
        await eventually(async () => (await order(created.orderNo)).refundedAmount === 5000n);
      } else {
        expect(await db.refund.count({ where: { payOrder: { orderNo: created.orderNo } } })).toBe(0);
      }
    }
  });

  it("completes a shipped order after autoCompleteDays (by timeout), not before", async () => {
    const created = await createOrder();
    await pay(created.payments[0].payOrderNo);
    await statusIs(created.orderNo, "PAID");
    await api(`/api/v1/orders/${created.orderNo}/transitions`, { body: { to: "SHIPPED" } });
    await sweepOrderTimeouts(new Date(Date.now() + 9 * 86_400_000));
    expect((await order(created.orderNo)).status).toBe("SHIPPED");
    await sweepOrderTimeouts(new Date(Date.now() + 10 * 86_400_000 + 60_000));
    expect((await order(created.orderNo)).status).toBe("COMPLETED");
    const last = await db.orderTimelineEntry.findFirstOrThrow({ where: { orderNo: created.orderNo }, orderBy: { at: "desc" } });
    expect([last.status, last.by]).toEqual(["COMPLETED", "timeout"]);
  });

  it("flags a paid order not shipped within shipWithinHours overdue once, with one order.overdue", async () => {
    const created = await createOrder({ notifyUrl: receiverUrl });
    await pay(created.payments[0].payOrderNo);
    await statusIs(created.orderNo, "PAID");
    const later = new Date(Date.now() + 49 * 3600_000);
    await sweepOrderTimeouts(later);
    await sweepOrderTimeouts(later);
    const stored = await order(created.orderNo);
    expect(stored.overdueAt?.getTime()).toBe(later.getTime());
    expect(await db.event.count({ where: { orderNo: created.orderNo, type: "order.overdue" } })).toBe(1);
    expect((await api(`/api/v1/orders/${created.orderNo}`)).json.overdueAt).toBe(later.toISOString());
    // events of this order went to the order's notifyUrl, in order; its pay order's to the app's
    await eventually(async () => received.some((e) => e.type === "order.overdue" && e.data.orderNo === created.orderNo));
    const mine = received.filter((e) => e.data.orderNo === created.orderNo).map((e) => e.type);
    expect(mine.sort()).toEqual(["order.created", "order.overdue", "order.status_changed"]);
    expect(received.filter((e) => e.type.startsWith("pay_order."))).toEqual([]);
  });
  it("gives a made-to-measure order its shipping deadline once production is done, not at payment", async () => {
    const created = await createOrder({ type: "custom", lines: [{ sku: "WARD", name: "定制衣柜", quantity: 1, unitPrice: 20000, kind: "custom" }] });
    await pay(created.payments[0].payOrderNo);
    await statusIs(created.orderNo, "PAID");
    expect((await order(created.orderNo)).shipBy).toBeNull();
    const inThreeWeeks = new Date(Date.now() + 21 * 86_400_000);
    await sweepOrderTimeouts(inThreeWeeks);
    expect((await order(created.orderNo)).overdueAt).toBeNull(); // measuring, design and production take weeks

    const moved = await api(`/api/v1/orders/${created.orderNo}/transitions`, { body: { to: "TO_SHIP" } });
    expect(moved.status).toBe(200);
    const shipBy = (await order(created.orderNo)).shipBy!;
    expect(Math.abs(shipBy.getTime() - (Date.now() + 48 * 3600_000))).toBeLessThan(60_000);
    await sweepOrderTimeouts(new Date(shipBy.getTime() + 1000));
    expect((await order(created.orderNo)).overdueAt).not.toBeNull();
  });
});

describe("order events on the event feed", () => {
  it("lists order.created, order.status_changed and order.cancelled with the order's view", async () => {
    const created = await createOrder();
    await api(`/api/v1/orders/${created.orderNo}/cancel`, { body: { reason: "test" } });
    // the feed shows an event once every older transaction of the cluster has ended (pg_snapshot_xmin): another test
    // file's open transaction on the same server may hold it back for a moment, so read until it is there
    const readTypes = async () => {
      const types: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { json: { data: { type: string; data: { orderNo?: string; previousStatus?: string; status?: string } }[]; nextCursor: string; hasMore: boolean } } = await api(
          `/api/v1/events?limit=100${after ? `&after=${after}` : ""}`,
        );
        for (const event of page.json.data) {
          if (event.data.orderNo === created.orderNo) {
            types.push(event.type);
            if (event.type === "order.cancelled") expect(event.data).toMatchObject({ status: "CANCELLED", previousStatus: "PENDING_PAYMENT" });
          }
        }
        after = page.json.nextCursor;
        if (!page.json.hasMore) return types;
      }
    };
    let types = await readTypes();
    for (let i = 0; i < 100 && types.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      types = await readTypes();
    }
    expect(types).toEqual(["order.created", "order.status_changed", "order.cancelled"]);
  });
});
