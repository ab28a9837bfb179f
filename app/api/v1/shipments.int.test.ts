import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import type { openApiClient } from "@/server/testing/open-api-client";
import { createPaidTestOrder } from "@/server/testing/order-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);
const ship = (body: unknown) => api("/api/v1/shipments", { body });

describe("POST /api/v1/shipments", () => {
  it("ships several orders of one buyer in one parcel, each SHIPPED with the shipment", async () => {
    const a = await createPaidTestOrder(api, { buyerId: "U-SHIP-1", status: "PAID" });
    const b = await createPaidTestOrder(api, { buyerId: "U-SHIP-1", status: "TO_SHIP" });
    const answer = await ship({ orderNos: [a.orderNo, b.orderNo], carrier: "SF", trackingNo: "SF1234567890" });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ orderNos: [a.orderNo, b.orderNo], carrier: "SF", trackingNo: "SF1234567890" });
    expect(answer.json.shipmentNo).toMatch(/^S\d{17}/);
    for (const no of [a.orderNo, b.orderNo]) {
      const row = await db.order.findUniqueOrThrow({ where: { orderNo: no }, include: { timeline: { orderBy: { at: "asc" } }, shipments: true } });
      expect(row.status).toBe("SHIPPED");
      expect(row.shipments.map((s) => s.shipmentNo)).toEqual([answer.json.shipmentNo]);
      expect(row.timeline.at(-1)).toMatchObject({ status: "SHIPPED", carrier: "SF", trackingNo: "SF1234567890", by: "api" });
      expect(Date.now() - row.statusAt.getTime()).toBeLessThan(60_000);
    }
    const events = (await db.event.findMany({ where: { orderNo: { in: [a.orderNo, b.orderNo] }, type: "order.status_changed" } })).filter((e) => (e.data as { status: string }).status === "SHIPPED");
    expect(events.map((e) => (e.data as { previousStatus: string }).previousStatus).sort()).toEqual(["PAID", "TO_SHIP"]);
    expect(events.every((e) => (e.data as { shipments: unknown[] }).shipments.length === 1)).toBe(true);
  }, 30_000);

  it("ships nothing when an order is of another buyer or not ready, and refuses unknown and malformed input", async () => {
    const a = await createPaidTestOrder(api, { buyerId: "U-SHIP-2" });
    const other = await createPaidTestOrder(api, { buyerId: "U-SHIP-3" });
    const shipped = await createPaidTestOrder(api, { buyerId: "U-SHIP-2", status: "SHIPPED" });
    for (const orderNos of [[a.orderNo, other.orderNo], [a.orderNo, shipped.orderNo]]) {
      const answer = await ship({ orderNos, carrier: "SF", trackingNo: "SF1" });
      expect([answer.status, answer.json.error.code]).toEqual([409, "INVALID_TRANSITION"]);
    }
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: a.orderNo } })).status).toBe("PAID");
    expect(await db.shipmentOrder.count({ where: { orderNo: a.orderNo } })).toBe(0);

    for (const orderNos of [[a.orderNo, "O20260101000000000XXXXXXXX"], ["%00"]]) {
      const answer = await ship({ orderNos });
      expect([answer.status, answer.json.error.code]).toEqual([404, "ORDER_NOT_FOUND"]);
    }
    for (const [body, field] of [
      [{ orderNos: [] }, "orderNos"],
      [{ orderNos: [a.orderNo, a.orderNo] }, "orderNos"],
      [{ orderNos: "x" }, "orderNos"],
      [{ orderNos: [a.orderNo], trackingNo: "has space" }, "trackingNo"],
      [{ orderNos: [a.orderNo], carrier: "" }, "carrier"],
    ] as const) {
      const answer = await ship(body);
      expect([answer.status, answer.json.error.code, answer.json.error.field], JSON.stringify(body)).toEqual([400, "VALIDATION_FAILED", field]);
    }
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: a.orderNo } })).status).toBe("PAID");
  }, 30_000);

  it("ships an order once when two shipments race for it", async () => {
    const a = await createPaidTestOrder(api, { buyerId: "U-SHIP-4" });
    const b = await createPaidTestOrder(api, { buyerId: "U-SHIP-4" });
    const answers = await Promise.all([ship({ orderNos: [a.orderNo, b.orderNo] }), ship({ orderNos: [b.orderNo, a.orderNo] }), ship({ orderNos: [b.orderNo] })]);
    expect(answers.filter((x) => x.status === 201)).toHaveLength(1);
    expect(answers.filter((x) => x.status === 409)).toHaveLength(2);
    expect(await db.shipmentOrder.count({ where: { orderNo: b.orderNo } })).toBe(1);
    expect(await db.orderTimelineEntry.count({ where: { orderNo: b.orderNo, status: "SHIPPED" } })).toBe(1);
  }, 30_000);
});
