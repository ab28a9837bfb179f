import { describe, expect, it } from "vitest";
import { createAfterSaleSchema, rejectAfterSaleSchema } from "./after-sale-schema";
import { splitOrderSchema } from "./order-split";
import { createShipmentSchema } from "./shipment-schema";

const field = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (result.success ? "ok" : result.error!.issues[0].path.join("."));

describe("after-sale, split and shipment requests", () => {
  it("validates an after-sale", () => {
    const ok = { afterSaleNo: "AS-1", type: "return", amount: 1 };
    expect(field(createAfterSaleSchema.safeParse(ok))).toBe("ok");
    expect(createAfterSaleSchema.parse(ok).amount).toBe(1n);
    expect(field(createAfterSaleSchema.safeParse({ ...ok, amount: 0 }))).toBe("amount");
    expect(field(createAfterSaleSchema.safeParse({ ...ok, amount: "1" }))).toBe("amount");
    expect(field(createAfterSaleSchema.safeParse({ ...ok, type: "swap" }))).toBe("type");
    expect(field(createAfterSaleSchema.safeParse({ ...ok, afterSaleNo: "x".repeat(65) }))).toBe("afterSaleNo");
    expect(field(createAfterSaleSchema.safeParse({ ...ok, lines: [{ sku: "A", quantity: 0 }] }))).toBe("lines.0.quantity");
    expect(field(createAfterSaleSchema.safeParse({ ...ok, reason: "a\u0000b" }))).toBe("reason");
    expect(field(rejectAfterSaleSchema.safeParse({ reason: "   " }))).toBe("reason");
  });

  it("validates split parts and shipments", () => {
    const line = { sku: "A", quantity: 1 };
    expect(field(splitOrderSchema.safeParse({ parts: [{ lines: [line] }] }))).toBe("parts");
    expect(field(splitOrderSchema.safeParse({ parts: [{ lines: [line] }, { lines: [] }] }))).toBe("parts.1.lines");
    expect(field(splitOrderSchema.safeParse({ parts: [{ lines: [line] }, { lines: [line] }] }))).toBe("ok");
    expect(field(createShipmentSchema.safeParse({ orderNos: ["O1", "O1"] }))).toBe("orderNos");
    expect(field(createShipmentSchema.safeParse({ orderNos: ["O1"], trackingNo: "SF 1" }))).toBe("trackingNo");
    expect(field(createShipmentSchema.safeParse({ orderNos: ["O1", "O2"], carrier: "SF", trackingNo: "SF1" }))).toBe("ok");
  });
});
