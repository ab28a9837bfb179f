import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import type { openApiClient } from "@/server/testing/open-api-client";
import { createPaidTestOrder } from "@/server/testing/order-fixtures";
import { eventually } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let counter = 0;
const item = (over: Record<string, unknown> = {}) => ({
  sourceOrderNo: `POS-${Date.now()}-${counter++}`,
  type: "standard",
  scene: "store",
  storeId: "S09",
  buyer: { id: "U-IMP", name: "李四", phone: "13900139000" },
  lines: [{ sku: "CHAIR-1", name: "餐椅", quantity: 2, unitPrice: 15000 }],
  payableAmount: 30000,
  ...over,
});

async function finished(importId: string) {
  return eventually(async () => {
    const got = await api(`/api/v1/orders/imports/${importId}`);
    return got.json.status === "SUCCEEDED" && got.json;
  }, 30_000);
}

describe("order imports", () => {
  it("lands valid items standardised, skips duplicates, reports failures alone, and says when it finished", async () => {
    const existing = await createPaidTestOrder(api);
    const { sourceOrderNo: existingSource } = await db.order.findUniqueOrThrow({ where: { orderNo: existing.orderNo } });
    const first = item({ buyer: { id: "  U-IMP  ", name: " 李四 ", phone: "+86 139 0013 9000" }, lines: [{ sku: " CHAIR-1 ", name: "餐椅 ", quantity: 2, unitPrice: 15000 }], placedAt: "2025-06-01T10:00:00+08:00" });
    const cancelled = item({ status: "CANCELLED" });
    const orders = [
      first,
      cancelled,
      item({ payableAmount: 29999 }),
      item({ sourceOrderNo: existingSource }),
      { ...first },
      item({ status: "PENDING_PAYMENT" }),
      item({ status: "TO_INSTALL" }),
      item({ paidAmount: 30001 }),
      "not an order",
      item({ status: "TO_INSTALL", flow: "custom_home", paidAmount: 10000 }),
    ];
    const started = await api("/api/v1/orders/imports", { body: { orders } });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ status: "RUNNING" });
    expect(started.json.importId).toMatch(/^I\d{17}/);
    const result = await finished(started.json.importId);
    expect(result).toMatchObject({ total: 10, created: 3, duplicates: 2, failed: 5 });
    expect(result.errors.map((e: { index: number; field: string }) => [e.index, e.field])).toEqual([
      [2, "payableAmount"],
      [5, "status"],
      [6, "status"],
      [7, "paidAmount"],
      [8, ""],
    ]);
    expect(result.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);

    const landed = await db.order.findMany({ where: { importId: started.json.importId }, include: { lines: true, timeline: true, payOrders: true }, orderBy: { sourceOrderNo: "asc" } });
    expect(landed).toHaveLength(3);
    const one = landed.find((o) => o.sourceOrderNo === first.sourceOrderNo)!;
    expect(one).toMatchObject({ status: "COMPLETED", buyerId: "U-IMP", buyerName: "李四", buyerPhone: "13900139000", paidAmount: 30000n, openPayment: false });
    expect(one.placedAt.toISOString()).toBe("2025-06-01T02:00:00.000Z");
    expect(one.lines.map((l) => [l.sku, l.name, l.amount])).toEqual([["CHAIR-1", "餐椅", 30000n]]);
    expect(one.timeline.map((t) => [t.status, t.by])).toEqual([["COMPLETED", "import"]]);
    expect(landed.every((o) => o.payOrders.length === 0)).toBe(true);
    expect(landed.find((o) => o.sourceOrderNo === cancelled.sourceOrderNo)).toMatchObject({ status: "CANCELLED", paidAmount: 0n, paidAt: null });
    expect(landed.find((o) => o.flow === "custom_home")).toMatchObject({ status: "TO_INSTALL", paidAmount: 10000n });

    const events = await db.event.findMany({ where: { type: "import.finished" } });
    expect(events.filter((e) => (e.data as { importId: string }).importId === started.json.importId)).toHaveLength(1);
  }, 60_000);

  it("lands 1,000 orders from one request", async () => {
    const orders = Array.from({ length: 1000 }, (_, i) => item({ sourceOrderNo: `BULK-${Date.now()}-${i}`, metadata: { row: String(i) } }));
    const started = await api("/api/v1/orders/imports", { body: { orders } });
    expect(started.status).toBe(202);
    const result = await finished(started.json.importId);
    expect(result).toMatchObject({ total: 1000, created: 1000, duplicates: 0, failed: 0, errors: [] });
    expect(await db.orderLine.count({ where: { order: { importId: started.json.importId } } })).toBe(1000);
  }, 90_000);

  it("refuses malformed imports whole, and unknown import ids", async () => {
    for (const [body, field] of [
      [{ orders: [] }, "orders"],
      [{ orders: Array.from({ length: 1001 }, () => 1) }, "orders"],
      [{}, "orders"],
      [{ orders: [item()], extra: 1 }, ""],
    ] as const) {
      const answer = await api("/api/v1/orders/imports", { body });
      expect([answer.status, answer.json.error.code], JSON.stringify(body).slice(0, 40)).toEqual([400, "VALIDATION_FAILED"]);
      if (field) expect(answer.json.error.field).toBe(field);
    }
    const tooLarge = await api("/api/v1/orders/imports", { raw: JSON.stringify({ orders: ["x".repeat(1024 * 1024)] }) });
    expect([tooLarge.status, tooLarge.json.error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    expect(await db.orderImport.count()).toBe(await db.orderImport.count({ where: { total: { gt: 0 } } }));
    for (const id of ["I20260101000000000XXXXXXXX", "nope", "%00"]) {
      const answer = await api(`/api/v1/orders/imports/${id}`);
      expect([answer.status, answer.json.error.code], id).toEqual([404, "IMPORT_NOT_FOUND"]);
    }
  }, 30_000);
});
