import { describe, expect, it } from "vitest";
import { parseImportItem, startOrderImportSchema } from "./order-import-schema";

const base = {
  sourceOrderNo: "POS-1",
  type: "standard",
  scene: "store",
  buyer: { id: " U1 ", phone: "0086 138-0013-8000" },
  lines: [{ sku: "A", name: " chair ", quantity: 2, unitPrice: 100 }],
  payableAmount: 200,
};

const fault = (over: Record<string, unknown>) => {
  const parsed = parseImportItem({ ...base, ...over }, 7);
  return parsed.ok ? "ok" : `${parsed.error.index}:${parsed.error.field}`;
};

describe("order import items", () => {
  it("standardises text and phones and fills the defaults", () => {
    const parsed = parseImportItem(base, 0);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.item).toMatchObject({ status: "COMPLETED", flow: "standard", paidAmount: 200n, buyer: { id: "U1", phone: "13800138000" } });
    expect(parsed.item.lines[0].name).toBe("chair");
    const cancelled = parseImportItem({ ...base, status: "CANCELLED" }, 0);
    expect(cancelled.ok && cancelled.item.paidAmount).toBe(0n);
    const custom = parseImportItem({ ...base, type: "custom", status: "TO_MEASURE" }, 0);
    expect(custom.ok && custom.item.flow).toBe("custom_home");
  });

  it("refuses what an order could not be, naming the item and the field", () => {
    expect(fault({ status: "PENDING_PAYMENT" })).toBe("7:status");
    expect(fault({ status: "DEPOSIT_PAID" })).toBe("7:status");
    expect(fault({ status: "SPLIT" })).toBe("7:status");
    expect(fault({ status: "TO_MEASURE" })).toBe("7:status");
    expect(fault({ status: "SHIPPED" })).toBe("ok");
    expect(fault({ paidAmount: 201 })).toBe("7:paidAmount");
    expect(fault({ paidAmount: -1 })).toBe("7:paidAmount");
    expect(fault({ payableAmount: 199 })).toBe("7:payableAmount");
    expect(fault({ placedAt: "2999-01-01T00:00:00Z" })).toBe("7:placedAt");
    expect(fault({ placedAt: "yesterday" })).toBe("7:placedAt");
    expect(fault({ buyer: { id: "U1", phone: "12345" } })).toBe("7:buyer.phone");
    expect(fault({ unknown: 1 })).toBe("7:");
    // history: a presale's balance deadline may be long past
    expect(fault({ type: "presale", presale: { depositAmount: 50, balanceDueAt: "2024-01-01T00:00:00Z" } })).toBe("ok");
  });

  it("takes 1–1000 items per import", () => {
    expect(startOrderImportSchema.safeParse({ orders: [] }).success).toBe(false);
    expect(startOrderImportSchema.safeParse({ orders: Array(1000).fill({}) }).success).toBe(true);
    expect(startOrderImportSchema.safeParse({ orders: Array(1001).fill({}) }).success).toBe(false);
  });
});
