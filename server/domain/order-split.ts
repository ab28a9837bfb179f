import { z } from "zod";
import { skuQuantitySchema } from "./after-sale-schema";

/**
 * Splitting an order into child orders (OPEN-API.md, "Split and merged shipment"): pure arithmetic.
 * Each part takes some of the order's lines (by SKU and quantity); together the parts hold exactly
 * all of them. The parent's discount and shipping are shared pro rata by the parts' line amounts,
 * and its paid amount by the parts' payable amounts, each with the largest-remainder method, so the
 * children add up exactly to the parent and no child has a negative amount.
 */

export type SplitOrderLine = { lineNo: number; sku: string; name: string; quantity: number; unitPrice: bigint; kind: string };

export type SplitOrder = {
  lines: SplitOrderLine[];
  discountAmount: bigint;
  shippingAmount: bigint;
  payableAmount: bigint;
  paidAmount: bigint;
};

export type SplitPartRequest = { lines: { sku: string; quantity: number }[] };

export type SplitChild = {
  lines: (Omit<SplitOrderLine, "lineNo"> & { amount: bigint })[];
  goodsAmount: bigint;
  discountAmount: bigint;
  shippingAmount: bigint;
  payableAmount: bigint;
  paidAmount: bigint;
};

export type SplitResult = { ok: true; children: SplitChild[] } | { ok: false; field: string; message: string };

/**
 * `total` shared by `weights` (all ≥ 0): floor shares, then the fen left over go one each to the
 * largest remainders (ties: the earlier part). Equal weights when they are all zero. Σ = total.
 */
export function largestRemainder(total: bigint, weights: bigint[]): bigint[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0n);
  const used = sum > 0n ? weights : weights.map(() => 1n);
  const denominator = sum > 0n ? sum : BigInt(weights.length);
  const shares = used.map((w) => (total * w) / denominator);
  const remainders = used.map((w, i) => ({ i, r: (total * w) % denominator }));
  let left = total - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n; k = (k + 1) % remainders.length, left--) shares[remainders[k].i] += 1n;
  return shares;
}

/** The children of `order` for `parts`, or why the parts are refused (a 400 with `field`). */
export function planSplit(order: SplitOrder, parts: SplitPartRequest[]): SplitResult {
  if (parts.length < 2) return { ok: false, field: "parts", message: "split into at least two parts" };
  const remaining = order.lines.map((line) => line.quantity);
  const childLines: SplitChild["lines"][] = [];
  for (const [p, part] of parts.entries()) {
    if (part.lines.length === 0) return { ok: false, field: `parts.${p}.lines`, message: "a part needs at least one line" };
    const lines: SplitChild["lines"] = [];
    for (const [l, wanted] of part.lines.entries()) {
      let quantity = wanted.quantity;
      const candidates = order.lines.map((line, index) => ({ line, index })).filter(({ line }) => line.sku === wanted.sku);
      if (candidates.length === 0) return { ok: false, field: `parts.${p}.lines.${l}.sku`, message: "the order has no line with this sku" };
      for (const { line, index } of candidates) {
        const take = Math.min(quantity, remaining[index]);
        if (take <= 0) continue;
        remaining[index] -= take;
        quantity -= take;
        const same = lines.find((existing) => existing.sku === line.sku && existing.unitPrice === line.unitPrice && existing.name === line.name && existing.kind === line.kind);
        if (same) {
          same.quantity += take;
          same.amount = BigInt(same.quantity) * same.unitPrice;
        } else {
          lines.push({ sku: line.sku, name: line.name, quantity: take, unitPrice: line.unitPrice, kind: line.kind, amount: BigInt(take) * line.unitPrice });
        }
      }
      if (quantity > 0) return { ok: false, field: `parts.${p}.lines.${l}.quantity`, message: "more than the order holds of this sku" };
    }
    childLines.push(lines);
  }
  const leftOver = remaining.findIndex((quantity) => quantity > 0);
  if (leftOver >= 0) return { ok: false, field: "parts", message: `the parts must hold all of the order's lines (sku ${order.lines[leftOver].sku} is missing)` };

  const goods = childLines.map((lines) => lines.reduce((sum, line) => sum + line.amount, 0n));
  const discounts = largestRemainder(order.discountAmount, goods);
  const shipping = largestRemainder(order.shippingAmount, goods);
  const payable = goods.map((g, i) => g - discounts[i] + shipping[i]);
  // Rounding can leave a part a fen or two below zero when the discount exceeds the goods: that part's
  // discount goes to parts that still have something to pay (Σ payable = the parent's, which is ≥ 0).
  for (let i = 0; i < payable.length; i++) {
    for (let j = 0; payable[i] < 0n && j < payable.length; j++) {
      if (payable[j] <= 0n) continue;
      const move = -payable[i] < payable[j] ? -payable[i] : payable[j];
      discounts[i] -= move;
      payable[i] += move;
      discounts[j] += move;
      payable[j] -= move;
    }
  }
  const paid = largestRemainder(order.paidAmount, payable);
  return {
    ok: true,
    children: childLines.map((lines, i) => ({
      lines,
      goodsAmount: goods[i],
      discountAmount: discounts[i],
      shippingAmount: shipping[i],
      payableAmount: payable[i],
      paidAmount: paid[i],
    })),
  };
}

/** POST /api/v1/orders/{orderNo}/split. */
export const splitOrderSchema = z.strictObject({
  parts: z
    .array(z.strictObject({ lines: z.array(skuQuantitySchema).min(1).max(100) }))
    .min(2, "split into at least two parts")
    .max(100),
});
export type SplitOrderInput = z.infer<typeof splitOrderSchema>;
