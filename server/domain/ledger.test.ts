import { describe, expect, it } from "vitest";
import { isBalanced, paymentPostings, refundPostings } from "./ledger";

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
