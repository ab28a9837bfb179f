import { describe, expect, it } from "vitest";
import { createOrderSchema, expectedPayable, listOrdersQuerySchema, queryObject, transitionSchema } from "./order-schema";

const base = {
  sourceOrderNo: "MALL-20261203-0001",
  type: "standard",
  scene: "mall",
  buyer: { id: "U1001", name: " 张三 ", phone: "+86 138-0013-8000" },
  lines: [{ sku: "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: 399900 }],
  discountAmount: 20000,
  payableAmount: 379900,
};

const parse = (overrides: Record<string, unknown>) => createOrderSchema.safeParse({ ...base, ...overrides });
const fieldOf = (overrides: Record<string, unknown>) => {
  const result = parse(overrides);
  return result.success ? null : result.error.issues[0].path.join(".");
};

describe("createOrderSchema", () => {
  it("fills the defaults, trims text, normalises the phone and turns amounts into fen bigints", () => {
    const result = parse({});
    expect(result.success).toBe(true);
    const order = result.data!;
    expect(order).toMatchObject({ shippingAmount: 0n, discountAmount: 20000n, payableAmount: 379900n, expireInSeconds: 1800, openPayment: true });
    expect(order.buyer).toEqual({ id: "U1001", name: "张三", phone: "13800138000" });
    expect(order.lines[0]).toMatchObject({ unitPrice: 399900n, kind: "stock" });
    expect(order.flow).toBeUndefined();
  });

  it("requires payableAmount = Σ quantity × unitPrice − discount + shipping", () => {
    expect(fieldOf({ payableAmount: 379901 })).toBe("payableAmount");
    expect(fieldOf({ shippingAmount: 1000, payableAmount: 380900 })).toBeNull();
    const lines = [
      { sku: "A", name: "a", quantity: 3, unitPrice: 333 },
      { sku: "B", name: "b", quantity: 9999, unitPrice: 100_000_000_000 },
    ];
    expect(expectedPayable({ lines: lines.map((l) => ({ ...l, unitPrice: BigInt(l.unitPrice), kind: "stock" as const })), discountAmount: 1n, shippingAmount: 2n })).toBe(
      999n + 999_900_000_000_000n + 1n,
    );
    expect(fieldOf({ lines, discountAmount: 1, shippingAmount: 2, payableAmount: 999 + 999_900_000_000_000 + 1 })).toBe("payableAmount"); // the right total, but past the largest amount a figure may carry
  });

  it("allows 0 to pay only for points orders", () => {
    const free = { lines: [{ sku: "A", name: "a", quantity: 1, unitPrice: 0 }], discountAmount: 0, payableAmount: 0 };
    expect(fieldOf({ ...free })).toBe("payableAmount");
    expect(fieldOf({ ...free, type: "points" })).toBeNull();
  });

  it("applies the presale rules", () => {
    const ahead = new Date(Date.now() + 3600_000).toISOString();
    expect(fieldOf({ type: "presale" })).toBe("presale");
    expect(fieldOf({ presale: { depositAmount: 1, balanceDueAt: ahead } })).toBe("presale");
    expect(fieldOf({ type: "presale", presale: { depositAmount: 1, balanceDueAt: ahead } })).toBeNull();
    expect(fieldOf({ type: "presale", presale: { depositAmount: 379900, balanceDueAt: ahead } })).toBe("presale.depositAmount");
    expect(fieldOf({ type: "presale", presale: { depositAmount: 0, balanceDueAt: ahead } })).toBe("presale.depositAmount");
    expect(fieldOf({ type: "presale", presale: { depositAmount: 1, balanceDueAt: new Date(Date.now() + 30_000).toISOString() } })).toBe("presale.balanceDueAt");
    expect(fieldOf({ type: "presale", presale: { depositAmount: 1, balanceDueAt: "tomorrow" } })).toBe("presale.balanceDueAt");
    expect(fieldOf({ type: "presale", presale: { depositAmount: 1, balanceDueAt: ahead, extra: true } })).toBe("presale");
  });

  it("bounds every field", () => {
    expect(fieldOf({ sourceOrderNo: "" })).toBe("sourceOrderNo");
    expect(fieldOf({ sourceOrderNo: "a/b" })).toBe("sourceOrderNo");
    expect(fieldOf({ scene: "x".repeat(33) })).toBe("scene");
    expect(fieldOf({ storeId: "" })).toBe("storeId");
    expect(fieldOf({ buyer: { id: "   " } })).toBe("buyer.id");
    expect(fieldOf({ buyer: { id: "x".repeat(65) } })).toBe("buyer.id");
    expect(fieldOf({ buyer: { id: "U1", name: "x".repeat(65) } })).toBe("buyer.name");
    expect(fieldOf({ buyer: { id: "U1", phone: "23800138000" } })).toBe("buyer.phone");
    expect(fieldOf({ buyer: { id: "U1\u0000" } })).toBe("buyer.id");
    expect(fieldOf({ lines: [{ sku: "A", name: "x".repeat(129), quantity: 1, unitPrice: 1 }] })).toBe("lines.0.name");
    expect(fieldOf({ lines: [{ sku: "A", name: "a", quantity: 1.5, unitPrice: 1 }] })).toBe("lines.0.quantity");
    expect(fieldOf({ lines: [{ sku: "A", name: "a", quantity: 1, unitPrice: 1, price: 1 }] })).toBe("lines.0");
    expect(fieldOf({ expireInSeconds: 60 })).toBeNull();
    expect(fieldOf({ expireInSeconds: 86_400 })).toBeNull();
    expect(fieldOf({ expireInSeconds: 1e9 })).toBe("expireInSeconds");
    expect(fieldOf({ metadata: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, "v"])) })).toBeNull();
    expect(fieldOf({ metadata: { constructor: "x" } })).toBe("metadata.constructor");
    expect(fieldOf({ notifyUrl: "javascript:alert(1)" })).toBe("notifyUrl");
    expect(fieldOf({ status: "PAID" })).toBe("");
  });
});

describe("transitionSchema and the list's query", () => {
  it("accepts only the contract's statuses", () => {
    expect(transitionSchema.safeParse({ to: "SHIPPED", carrier: "SF", trackingNo: "SF1234567890" }).success).toBe(true);
    expect(transitionSchema.safeParse({ to: "shipped" }).success).toBe(false);
    expect(transitionSchema.safeParse({}).success).toBe(false);
  });

  it("parses the filters, limits 1–100 (default 20), and refuses unknown or repeated names", () => {
    const ok = listOrdersQuerySchema.safeParse({ buyerId: "U1", status: "PAID", placedFrom: "2026-12-01T00:00:00+08:00" });
    expect(ok.success && ok.data).toMatchObject({ limit: 20, placedFrom: new Date("2026-11-30T16:00:00Z") });
    expect(listOrdersQuerySchema.safeParse({ limit: "100" }).success).toBe(true);
    for (const limit of ["0", "101", "1e2", "-1", " 5"]) expect(listOrdersQuerySchema.safeParse({ limit }).success, limit).toBe(false);
    expect(listOrdersQuerySchema.safeParse({ colour: "red" }).success).toBe(false);
    expect(queryObject(new URLSearchParams("a=1&a=2"))).toEqual({ duplicate: "a" });
    expect(queryObject(new URLSearchParams("a=1&b=2"))).toEqual({ value: { a: "1", b: "2" } });
  });
});
