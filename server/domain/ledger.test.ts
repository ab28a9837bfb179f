import { describe, expect, it } from "vitest";
import { hourStart, isBalanced, paymentPostings, proRata, refundPostings, ROLLUP_SLOTS, rollupSlot, storeIdFrom } from "./ledger";

describe("ledger postings", () => {
  it("books a payment as clearing + fee against the merchant's gross", () => {
    const postings = paymentPostings(12800n, 77n);
    expect(postings).toEqual([
      { account: "CHANNEL_CLEARING", amount: 12723n },
      { account: "CHANNEL_FEES", amount: 77n },
      { account: "MERCHANT_PAYABLE", amount: -12800n },
    ]);
    expect(isBalanced(postings)).toBe(true);
  });

  it("leaves out a zero fee", () => {
    expect(paymentPostings(100n, 0n)).toHaveLength(2);
    expect(isBalanced(paymentPostings(100n, 0n))).toBe(true);
  });

  it("books a refund as the mirror image, with the fee the channel returns", () => {
    const postings = refundPostings(5000n, 30n);
    expect(isBalanced(postings)).toBe(true);
    expect(postings.find((p) => p.account === "MERCHANT_PAYABLE")?.amount).toBe(5000n);
  });

  it("refuses impossible amounts", () => {
    expect(() => paymentPostings(0n, 0n)).toThrow();
    expect(() => paymentPostings(100n, 101n)).toThrow();
    expect(() => refundPostings(100n, -1n)).toThrow();
  });
});

describe("ledger rows", () => {
  it("spreads movements over the rollup slots, the same key always to the same slot", () => {
    const slots = new Set(Array.from({ length: 200 }, (_, i) => rollupSlot(`payment:P${i}-1`)));
    expect(slots.size).toBe(ROLLUP_SLOTS);
    expect(rollupSlot("refund:F1")).toBe(rollupSlot("refund:F1"));
    for (const slot of slots) expect(slot >= 0 && slot < ROLLUP_SLOTS).toBe(true);
  });

  it("buckets an instant into its UTC hour", () => {
    expect(hourStart(new Date("2026-11-22T10:59:59.999Z")).toISOString()).toBe("2026-11-22T10:00:00.000Z");
  });

  it("reads the store from metadata.storeId, else metadata.store", () => {
    expect(storeIdFrom({ storeId: "S01", store: "x" })).toBe("S01");
    expect(storeIdFrom({ store: "Shanghai-1" })).toBe("Shanghai-1");
    expect(storeIdFrom({ storeId: 7 })).toBeNull();
    expect(storeIdFrom(null)).toBeNull();
    expect(storeIdFrom(["S01"])).toBeNull();
  });

  it("returns a refund's share of a payment figure, rounded down", () => {
    expect(proRata(77n, 5000n, 12800n)).toBe(30n);
    expect(proRata(77n, 12800n, 12800n)).toBe(77n);
    expect(proRata(77n, 1n, 0n)).toBe(0n);
  });
});
