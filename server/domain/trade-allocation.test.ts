import { describe, expect, it } from "vitest";
import { allocateTrade, allocateTradeRefund, couponDiscount, fenToPartPoints, isAllocationError, pointsToFen } from "./trade-allocation";

/** A small deterministic generator (property-style runs without a dependency): the same cases every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return (max: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % (max + 1);
  };
}

describe("couponDiscount", () => {
  it("takes amount_off's value, never more than the amount, and nothing below minSpend", () => {
    expect(couponDiscount({ type: "amount_off", value: 2000n, minSpend: 10000n }, 10000n)).toBe(2000n);
    expect(couponDiscount({ type: "amount_off", value: 2000n, minSpend: 10000n }, 9999n)).toBe(0n);
    expect(couponDiscount({ type: "amount_off", value: 5000n, minSpend: 0n }, 3000n)).toBe(3000n);
  });

  it("rounds percent_off down to the fen", () => {
    expect(couponDiscount({ type: "percent_off", value: 10n, minSpend: 0n }, 10001n)).toBe(1000n);
    expect(couponDiscount({ type: "percent_off", value: 99n, minSpend: 0n }, 1n)).toBe(0n);
    expect(couponDiscount({ type: "percent_off", value: 15n, minSpend: 0n }, 333n)).toBe(49n);
  });
});

describe("pointsToFen", () => {
  it("is points × 100 / pointsPerYuan when that is whole fen, else null", () => {
    expect(pointsToFen(500n, 100)).toBe(500n);
    expect(pointsToFen(500n, 1000)).toBe(50n);
    expect(pointsToFen(10n, 30)).toBeNull();
    expect(pointsToFen(3n, 300)).toBe(1n);
    expect(pointsToFen(0n, 100)).toBe(0n);
  });
});

describe("allocateTrade", () => {
  it("applies coupon, points, wallet in that order; the channel pays the rest", () => {
    expect(
      allocateTrade({ payable: 379900n, coupon: { type: "amount_off", value: 2000n, minSpend: 10000n }, points: 500n, pointsPerYuan: 100, wallet: 5000n }),
    ).toEqual({ coupon: 2000n, points: 500n, pointsAmount: 500n, wallet: 5000n, channel: 372400n });
  });

  it("refuses points or wallet beyond what the coupon leaves, naming the field", () => {
    expect(allocateTrade({ payable: 1000n, coupon: { type: "amount_off", value: 600n, minSpend: 0n }, points: 500n, pointsPerYuan: 100 })).toMatchObject({ field: "points" });
    expect(allocateTrade({ payable: 1000n, points: 500n, pointsPerYuan: 100, wallet: 501n })).toMatchObject({ field: "walletAmount" });
    expect(allocateTrade({ payable: 1000n, points: 7n, pointsPerYuan: 3 })).toMatchObject({ field: "points" });
  });

  it("always adds up to payable with no negative part, whatever the inputs (10,000 generated cases)", () => {
    const next = random(20261203);
    for (let i = 0; i < 10_000; i++) {
      const payable = BigInt(next(500_000) + 1);
      const ppy = [1, 10, 50, 100, 200, 1000][next(5)];
      const coupon = next(2) === 0 ? null : next(1) === 0
        ? { type: "amount_off" as const, value: BigInt(next(100_000) + 1), minSpend: BigInt(next(300_000)) }
        : { type: "percent_off" as const, value: BigInt(next(98) + 1), minSpend: BigInt(next(300_000)) };
      const points = BigInt(next(400_000));
      const wallet = BigInt(next(400_000));
      const result = allocateTrade({ payable, coupon, points, pointsPerYuan: ppy, wallet });
      if (isAllocationError(result)) {
        // refused only for the documented reasons
        const couponOff = coupon ? couponDiscount(coupon, payable) : 0n;
        const fen = pointsToFen(points, ppy);
        expect(fen === null || fen > payable - couponOff || wallet > payable - couponOff - (fen ?? 0n)).toBe(true);
        continue;
      }
      for (const part of [result.coupon, result.pointsAmount, result.wallet, result.channel]) expect(part >= 0n).toBe(true);
      expect(result.coupon + result.pointsAmount + result.wallet + result.channel).toBe(payable);
      expect(result.pointsAmount * BigInt(ppy)).toBe(result.points * 100n);
    }
  });
});

describe("refunds of a traded order", () => {
  it("go back channel first, then wallet, then points", () => {
    expect(allocateTradeRefund(500n, { channel: 1000n, wallet: 300n, points: 200n })).toEqual({ channel: 500n, wallet: 0n, points: 0n, unplaced: 0n });
    expect(allocateTradeRefund(1250n, { channel: 1000n, wallet: 300n, points: 200n })).toEqual({ channel: 1000n, wallet: 250n, points: 0n, unplaced: 0n });
    expect(allocateTradeRefund(1600n, { channel: 1000n, wallet: 300n, points: 200n })).toEqual({ channel: 1000n, wallet: 300n, points: 200n, unplaced: 100n });
  });

  it("never give back more points than were spent, however the part is refunded in pieces", () => {
    const next = random(7);
    for (let i = 0; i < 2_000; i++) {
      const part = BigInt(next(10_000) + 1);
      const partPoints = part * BigInt([1, 2, 10][next(2)]);
      let left = part;
      let given = 0n;
      while (left > 0n) {
        const piece = BigInt(next(Number(left) - 1) + 1);
        const last = piece === left;
        const back = last ? partPoints - given : fenToPartPoints(piece, part, partPoints);
        expect(back >= 0n).toBe(true);
        given += back;
        expect(given <= partPoints).toBe(true);
        left -= piece;
      }
      expect(given).toBe(partPoints);
    }
  });
});
