import { describe, expect, it } from "vitest";
import { largestRemainder, planSplit, type SplitOrder, type SplitPartRequest } from "./order-split";

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCase(seed: number): { order: SplitOrder; parts: SplitPartRequest[] } {
  const random = rng(seed);
  const int = (max: number) => Math.floor(random() * (max + 1));
  const lineCount = 1 + int(6);
  const lines = Array.from({ length: lineCount }, (_, lineNo) => ({
    lineNo,
    // repeated SKUs happen: two lines of one SKU at different prices
    sku: `SKU-${int(3)}`,
    name: `item ${lineNo}`,
    quantity: 1 + int(lineNo === 0 ? 5 : 3),
    unitPrice: BigInt(random() < 0.1 ? 0 : int(500_000)),
    kind: "stock",
  }));
  const units = lines.reduce((sum, line) => sum + line.quantity, 0);
  if (units < 2) lines[0].quantity = 2;
  const goods = lines.reduce((sum, line) => sum + BigInt(line.quantity) * line.unitPrice, 0n);
  const shippingAmount = BigInt(random() < 0.5 ? 0 : int(5_000));
  // discounts up to everything (points-like orders) and beyond the goods when shipping is paid
  const discountAmount = BigInt(Math.floor(random() * Number(goods + shippingAmount + 1n)));
  const payableAmount = goods - discountAmount + shippingAmount;
  const paidAmount = random() < 0.8 ? payableAmount : BigInt(Math.floor(random() * Number(payableAmount + 1n)));
  // hand every unit to one of 2–4 parts, every part getting at least one
  const partCount = Math.min(2 + int(2), lines.reduce((sum, line) => sum + line.quantity, 0));
  const unitsList = lines.flatMap((line) => Array.from({ length: line.quantity }, () => line.sku));
  const owners = unitsList.map((_, i) => (i < partCount ? i : int(partCount - 1)));
  const parts: SplitPartRequest[] = Array.from({ length: partCount }, (_, p) => {
    const counts = new Map<string, number>();
    unitsList.forEach((sku, i) => owners[i] === p && counts.set(sku, (counts.get(sku) ?? 0) + 1));
    return { lines: [...counts].map(([sku, quantity]) => ({ sku, quantity })) };
  });
  return { order: { lines, discountAmount, shippingAmount, payableAmount, paidAmount }, parts };
}

describe("largestRemainder", () => {
  it("shares exactly, by weight, the remainder to the largest fractions", () => {
    expect(largestRemainder(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(largestRemainder(10n, [1n, 2n])).toEqual([3n, 7n]);
    expect(largestRemainder(5n, [0n, 0n])).toEqual([3n, 2n]);
    expect(largestRemainder(0n, [5n, 7n])).toEqual([0n, 0n]);
  });
});

describe("planSplit (property-style over random orders)", () => {
  it("children always add up to the parent, with no negative amount, over 1,000 random orders", () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const { order, parts } = randomCase(seed);
      const result = planSplit(order, parts);
      expect(result.ok, `seed ${seed}`).toBe(true);
      if (!result.ok) continue;
      const children = result.children;
      const sum = (pick: (c: (typeof children)[number]) => bigint) => children.reduce((s, c) => s + pick(c), 0n);
      expect(sum((c) => c.discountAmount), `seed ${seed}`).toBe(order.discountAmount);
      expect(sum((c) => c.shippingAmount), `seed ${seed}`).toBe(order.shippingAmount);
      expect(sum((c) => c.payableAmount), `seed ${seed}`).toBe(order.payableAmount);
      expect(sum((c) => c.paidAmount), `seed ${seed}`).toBe(order.paidAmount);
      for (const child of result.children) {
        expect(child.lines.length).toBeGreaterThan(0);
        for (const amount of [child.discountAmount, child.shippingAmount, child.payableAmount, child.paidAmount]) expect(amount >= 0n, `seed ${seed}`).toBe(true);
        expect(child.payableAmount).toBe(child.goodsAmount - child.discountAmount + child.shippingAmount);
        expect(child.paidAmount <= child.payableAmount, `seed ${seed}`).toBe(true);
        expect(child.goodsAmount).toBe(child.lines.reduce((s, l) => s + BigInt(l.quantity) * l.unitPrice, 0n));
      }
      // every unit of every SKU lands in exactly one child
      for (const sku of new Set(order.lines.map((l) => l.sku))) {
        const inParent = order.lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
        const inChildren = result.children.flatMap((c) => c.lines).filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
        expect(inChildren).toBe(inParent);
      }
    }
  }, 60_000);

  it("shares pro rata by line amounts", () => {
    const order: SplitOrder = {
      lines: [
        { lineNo: 0, sku: "A", name: "a", quantity: 1, unitPrice: 30000n, kind: "stock" },
        { lineNo: 1, sku: "B", name: "b", quantity: 2, unitPrice: 35000n, kind: "stock" },
      ],
      discountAmount: 10000n,
      shippingAmount: 1001n,
      payableAmount: 91001n,
      paidAmount: 91001n,
    };
    const result = planSplit(order, [{ lines: [{ sku: "A", quantity: 1 }] }, { lines: [{ sku: "B", quantity: 2 }] }]);
    if (!result.ok) throw new Error(result.message);
    expect(result.children.map((c) => [c.discountAmount, c.shippingAmount, c.payableAmount])).toEqual([
      [3000n, 300n, 27300n],
      [7000n, 701n, 63701n],
    ]);
  });

  it("refuses fewer than two parts, missing or extra quantities, unknown SKUs and empty parts", () => {
    const order: SplitOrder = {
      lines: [
        { lineNo: 0, sku: "A", name: "a", quantity: 2, unitPrice: 100n, kind: "stock" },
        { lineNo: 1, sku: "B", name: "b", quantity: 1, unitPrice: 100n, kind: "stock" },
      ],
      discountAmount: 0n,
      shippingAmount: 0n,
      payableAmount: 300n,
      paidAmount: 300n,
    };
    const refuse = (parts: SplitPartRequest[]) => {
      const result = planSplit(order, parts);
      return result.ok ? "ok" : result.field;
    };
    expect(refuse([{ lines: [{ sku: "A", quantity: 2 }, { sku: "B", quantity: 1 }] }])).toBe("parts");
    expect(refuse([{ lines: [{ sku: "A", quantity: 1 }] }, { lines: [{ sku: "B", quantity: 1 }] }])).toBe("parts");
    expect(refuse([{ lines: [{ sku: "A", quantity: 3 }] }, { lines: [{ sku: "B", quantity: 1 }] }])).toBe("parts.0.lines.0.quantity");
    expect(refuse([{ lines: [{ sku: "A", quantity: 2 }] }, { lines: [{ sku: "C", quantity: 1 }] }])).toBe("parts.1.lines.0.sku");
    expect(refuse([{ lines: [{ sku: "A", quantity: 2 }, { sku: "B", quantity: 1 }] }, { lines: [] }])).toBe("parts.1.lines");
    expect(refuse([{ lines: [{ sku: "A", quantity: 1 }] }, { lines: [{ sku: "A", quantity: 1 }, { sku: "B", quantity: 1 }] }])).toBe("ok");
  });
});
