import { describe, expect, it } from "vitest";
import { pointsToFen } from "@/server/domain/trade-allocation";
import type { CashierAssets } from "@/server/services/cashier/get-cashier-assets";
import { breakdown, choiceLimits, clampChoice, draftChoice, draftErrors, EMPTY_DRAFT, maxPoints, pointsStep, wholeFenPoints } from "./trade-choice";

function assets(over: Partial<CashierAssets> = {}): CashierAssets {
  return {
    buyer: "张*",
    payable: 12_800n,
    currency: "CNY",
    pointsPerYuan: 100,
    wallet: { spendable: 5_000n },
    points: { spendable: 1_200n, worth: 1_200n },
    coupons: [
      { couponNo: "C20", type: "amount_off", value: 2_000n, minSpend: 10_000n, expiresAt: new Date("2030-01-01"), discount: 2_000n },
      { couponNo: "P10", type: "percent_off", value: 10n, minSpend: 0n, expiresAt: new Date("2030-01-01"), discount: 1_280n },
    ],
    ...over,
  };
}

describe("the points a consumer may apply", () => {
  it("come in steps worth whole fen", () => {
    expect(pointsStep(100)).toBe(1n);
    expect(pointsStep(1_000)).toBe(10n);
    expect(pointsStep(3)).toBe(3n);
    expect(pointsStep(250)).toBe(5n);
    expect(pointsStep(1)).toBe(1n);
    expect(wholeFenPoints(1_234n, 1_000)).toBe(1_230n);
    expect(wholeFenPoints(-5n, 100)).toBe(0n);
  });

  it("are capped by the spendable points and by what is left to pay, always whole fen", () => {
    expect(maxPoints(1_200n, 12_800n, 100)).toBe(1_200n);
    expect(maxPoints(99_999n, 800n, 100)).toBe(800n);
    expect(maxPoints(99_999n, 801n, 3)).toBe(24n); // 24 points = 800 fen; 25 would be 833.3
    expect(maxPoints(0n, 800n, 100)).toBe(0n);
    expect(maxPoints(500n, 0n, 100)).toBe(0n);
    for (const rate of [1, 3, 7, 100, 250, 1_000, 10_000]) {
      for (const left of [0n, 1n, 99n, 12_345n]) {
        const points = maxPoints(10n ** 12n, left, rate);
        expect(pointsToFen(points, rate)).not.toBeNull();
        expect(pointsToFen(points, rate) as bigint).toBeLessThanOrEqual(left);
        // one step more would be worth more than is left
        expect(pointsToFen(points + pointsStep(rate), rate) as bigint).toBeGreaterThan(left);
      }
    }
  });
});

describe("a choice and its breakdown", () => {
  it("applies coupon, points and wallet in that order; the parts add up to payable", () => {
    const split = breakdown(assets(), { couponNo: "C20", points: 500n, wallet: 3_000n });
    expect(split).toEqual({ coupon: 2_000n, points: 500n, pointsAmount: 500n, wallet: 3_000n, channel: 7_300n });
  });

  it("is brought within its limits when the coupon or the points change", () => {
    const rich = assets({ wallet: { spendable: 99_999n }, points: { spendable: 99_999n, worth: 99_999n } });
    expect(choiceLimits(rich, { couponNo: "C20", points: 0n, wallet: 0n })).toEqual({ points: 10_800n, wallet: 10_800n });
    expect(choiceLimits(rich, { couponNo: "C20", points: 800n, wallet: 0n })).toEqual({ points: 10_800n, wallet: 10_000n });
    expect(clampChoice(rich, { couponNo: "C20", points: 20_000n, wallet: 20_000n })).toEqual({ couponNo: "C20", points: 10_800n, wallet: 0n });
    expect(clampChoice(rich, { couponNo: "C20", points: 800n, wallet: 20_000n })).toEqual({ couponNo: "C20", points: 800n, wallet: 10_000n });
    expect(clampChoice(assets(), { couponNo: "GONE", points: -3n, wallet: -1n })).toEqual({ couponNo: null, points: 0n, wallet: 0n });
    expect(clampChoice(assets({ pointsPerYuan: 1_000 }), { couponNo: null, points: 1_199n, wallet: 0n }).points).toBe(1_190n);
  });

  it("a clamped choice always splits without error, whatever was asked", () => {
    const rates = [1, 3, 100, 1_000];
    for (const rate of rates) {
      for (const couponNo of [null, "C20", "P10"]) {
        for (const points of [0n, 7n, 1_199n, 50_000n]) {
          for (const wallet of [0n, 1n, 4_999n, 90_000n]) {
            const a = assets({ pointsPerYuan: rate, points: { spendable: 40_000n, worth: 0n } });
            const split = breakdown(a, clampChoice(a, { couponNo, points, wallet }));
            expect("field" in split, JSON.stringify({ rate, couponNo, points: `${points}`, wallet: `${wallet}` })).toBe(false);
            if (!("field" in split)) expect(split.coupon + split.pointsAmount + split.wallet + split.channel).toBe(a.payable);
          }
        }
      }
    }
  });
});

describe("the panel's typed inputs", () => {
  it("read points and yuan as typed, anything else as nothing, and stay within the limits", () => {
    const a = assets();
    expect(draftChoice(a, { couponNo: "C20", pointsText: " 500 ", walletText: "30.5", walletMax: false })).toEqual({ couponNo: "C20", points: 500n, wallet: 3_050n });
    expect(draftChoice(a, { couponNo: null, pointsText: "5e2", walletText: "1.234", walletMax: false })).toEqual({ couponNo: null, points: 0n, wallet: 0n });
    expect(draftErrors({ couponNo: null, pointsText: "5e2", walletText: "1.234", walletMax: false })).toEqual({ points: true, wallet: true });
    expect(draftErrors({ ...EMPTY_DRAFT, walletText: "x", walletMax: true })).toEqual({ points: false, wallet: false });
    expect(draftChoice(a, { couponNo: "C20", pointsText: "99999", walletText: "", walletMax: true })).toEqual({ couponNo: "C20", points: 1_200n, wallet: 5_000n });
    const small = assets({ payable: 1_000n, coupons: [] });
    expect(draftChoice(small, { couponNo: null, pointsText: "300", walletText: "", walletMax: true })).toEqual({ couponNo: null, points: 300n, wallet: 700n });
  });
});
