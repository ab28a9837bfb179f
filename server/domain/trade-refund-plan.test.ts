import { describe, expect, it } from "vitest";
import { planTradeRefund, pointsBack, type RefundablePart, tradeRefundable } from "./trade-refund-plan";

/** A small deterministic generator (the same cases on every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

describe("planTradeRefund", () => {
  const wallet: RefundablePart = { amount: 5000n, refunded: 0n };
  const points: RefundablePart = { amount: 500n, refunded: 0n, points: 500n };

  it("goes back channel first, then wallet, then points", () => {
    expect(planTradeRefund(3000n, { channelRefundable: 10_000n, wallet, points })).toEqual({ channel: 3000n, wallet: 0n, points: { fen: 0n, points: 0n }, unplaced: 0n });
    expect(planTradeRefund(12_000n, { channelRefundable: 10_000n, wallet, points })).toEqual({ channel: 10_000n, wallet: 2000n, points: { fen: 0n, points: 0n }, unplaced: 0n });
    expect(planTradeRefund(15_200n, { channelRefundable: 10_000n, wallet, points })).toEqual({ channel: 10_000n, wallet: 5000n, points: { fen: 200n, points: 200n }, unplaced: 0n });
    expect(planTradeRefund(15_600n, { channelRefundable: 10_000n, wallet, points })).toEqual({ channel: 10_000n, wallet: 5000n, points: { fen: 500n, points: 500n }, unplaced: 100n });
  });

  it("takes only what each part has left", () => {
    const plan = planTradeRefund(4000n, { channelRefundable: 0n, wallet: { amount: 5000n, refunded: 3000n }, points: { amount: 500n, refunded: 100n, points: 500n } });
    expect(plan).toEqual({ channel: 0n, wallet: 2000n, points: { fen: 400n, points: 400n }, unplaced: 1600n });
    expect(planTradeRefund(0n, { channelRefundable: 10n, wallet, points })).toEqual({ channel: 0n, wallet: 0n, points: { fen: 0n, points: 0n }, unplaced: 0n });
    expect(() => planTradeRefund(-1n, { channelRefundable: 10n })).toThrow(RangeError);
  });

  it("works without wallet or points parts", () => {
    expect(planTradeRefund(700n, { channelRefundable: 500n })).toEqual({ channel: 500n, wallet: 0n, points: { fen: 0n, points: 0n }, unplaced: 200n });
    expect(tradeRefundable({ channelRefundable: 500n })).toBe(500n);
    expect(tradeRefundable({ channelRefundable: -3n, wallet: { amount: 10n, refunded: 4n }, points })).toBe(506n);
  });
});

describe("pointsBack", () => {
  it("rounds down pro rata and gives back the rest with the last refund", () => {
    // 1000 points worth 333 fen (not a ratio of whole numbers per fen)
    const part = { amount: 333n, refunded: 0n, points: 1000n };
    expect(pointsBack(part, 1n)).toBe(3n); // ⌊1000/333⌋
    expect(pointsBack({ ...part, refunded: 1n }, 1n)).toBe(3n); // ⌊2000/333⌋ − 3 = 6 − 3
    expect(pointsBack({ ...part, refunded: 2n }, 331n)).toBe(1000n - 6n);
    expect(pointsBack(part, 0n)).toBe(0n);
    expect(() => pointsBack({ ...part, refunded: 300n }, 34n)).toThrow(RangeError);
  });

  it("property: any sequence of partial refunds gives back at most the points spent, and exactly them when the part is all back", () => {
    const next = rng(15);
    for (let round = 0; round < 500; round++) {
      const amount = BigInt(1 + next(20_000));
      const pointsPerFen = [1n, 10n, 3n, 7n][next(4)];
      const points = amount * pointsPerFen + BigInt(next(3)); // sometimes not a whole multiple
      let refunded = 0n;
      let given = 0n;
      while (refunded < amount) {
        const fen = BigInt(1 + next(Number(amount - refunded)));
        const back = pointsBack({ amount, refunded, points }, fen);
        expect(back >= 0n).toBe(true);
        given += back;
        refunded += fen;
        expect(given <= points).toBe(true);
        expect(given).toBe((refunded * points) / amount);
      }
      expect(given).toBe(points);
    }
  });

  it("property: a plan never places more than each part has, and the pieces add up to the amount", () => {
    const next = rng(7);
    for (let round = 0; round < 500; round++) {
      const channelRefundable = BigInt(next(10_000));
      const wallet = { amount: BigInt(next(5000)), refunded: 0n };
      wallet.refunded = BigInt(next(Number(wallet.amount) + 1));
      const pointsAmount = BigInt(next(3000));
      const points = { amount: pointsAmount, refunded: BigInt(next(Number(pointsAmount) + 1)), points: pointsAmount * 10n };
      const amount = BigInt(next(20_000));
      const plan = planTradeRefund(amount, { channelRefundable, wallet, points });
      expect(plan.channel + plan.wallet + plan.points.fen + plan.unplaced).toBe(amount);
      expect(plan.channel <= channelRefundable && plan.wallet <= wallet.amount - wallet.refunded && plan.points.fen <= points.amount - points.refunded).toBe(true);
      // a later piece only when the earlier ones are exhausted
      if (plan.wallet > 0n) expect(plan.channel).toBe(channelRefundable);
      if (plan.points.fen > 0n) expect(plan.wallet).toBe(wallet.amount - wallet.refunded);
      if (plan.unplaced > 0n) expect(plan.channel + plan.wallet + plan.points.fen).toBe(tradeRefundable({ channelRefundable, wallet, points }));
    }
  });
});
