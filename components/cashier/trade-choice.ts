import { type Allocation, allocateTrade, type AllocationError, isAllocationError } from "@/server/domain/trade-allocation";
import type { CashierAssets } from "@/server/services/cashier/get-cashier-assets";

/** What the consumer applies to the order in the cashier: at most one coupon, some points, some wallet balance. */
export type TradeChoice = { couponNo: string | null; points: bigint; wallet: bigint };

export const NO_CHOICE: TradeChoice = { couponNo: null, points: 0n, wallet: 0n };

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** The fewest points worth whole fen at this rate (100 per yuan: 1; 1,000 per yuan: 10; 3 per yuan: 3). */
export function pointsStep(pointsPerYuan: number): bigint {
  const rate = BigInt(pointsPerYuan);
  return rate > 0n ? rate / gcd(rate, 100n) : 1n;
}

/** The most points that may be applied: spendable, worth no more than `left` fen, and whole fen. */
export function maxPoints(spendable: bigint, left: bigint, pointsPerYuan: number): bigint {
  if (pointsPerYuan <= 0 || spendable <= 0n || left <= 0n) return 0n;
  const byAmount = (left * BigInt(pointsPerYuan)) / 100n;
  const cap = spendable < byAmount ? spendable : byAmount;
  return cap - (cap % pointsStep(pointsPerYuan));
}

/** Points rounded down to whole fen (what a slider or a typed number becomes). */
export function wholeFenPoints(points: bigint, pointsPerYuan: number): bigint {
  if (points <= 0n) return 0n;
  return points - (points % pointsStep(pointsPerYuan));
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** The coupon's discount on this order (0 without one). */
export function couponAmount(assets: CashierAssets, couponNo: string | null): bigint {
  return assets.coupons.find((c) => c.couponNo === couponNo)?.discount ?? 0n;
}

/** The limits of each input for a choice: points after the coupon, the wallet after coupon and points. */
export function choiceLimits(assets: CashierAssets, choice: TradeChoice): { points: bigint; wallet: bigint } {
  const afterCoupon = assets.payable - couponAmount(assets, choice.couponNo);
  const points = maxPoints(assets.points.spendable, afterCoupon, assets.pointsPerYuan);
  const pointsFen = (min(choice.points, points) * 100n) / BigInt(Math.max(assets.pointsPerYuan, 1));
  const wallet = min(assets.wallet.spendable, afterCoupon - pointsFen);
  return { points, wallet: wallet > 0n ? wallet : 0n };
}

/**
 * A choice brought within its limits, in the order the server applies them (coupon, points, wallet):
 * a coupon that is not on offer is dropped, points rounded to whole fen and capped, the wallet capped.
 */
export function clampChoice(assets: CashierAssets, choice: TradeChoice): TradeChoice {
  const couponNo = assets.coupons.some((c) => c.couponNo === choice.couponNo) ? choice.couponNo : null;
  const limits = choiceLimits(assets, { ...choice, couponNo });
  const points = min(wholeFenPoints(choice.points, assets.pointsPerYuan), limits.points);
  const wallet = choice.wallet < 0n ? 0n : min(choice.wallet, choiceLimits(assets, { couponNo, points, wallet: 0n }).wallet);
  return { couponNo, points, wallet };
}

/** The breakdown the page shows, computed by the function the server splits the trade with. */
export function breakdown(assets: CashierAssets, choice: TradeChoice): Allocation | AllocationError {
  const coupon = assets.coupons.find((c) => c.couponNo === choice.couponNo);
  return allocateTrade({
    payable: assets.payable,
    coupon: coupon ? { type: coupon.type, value: coupon.value, minSpend: coupon.minSpend } : null,
    points: choice.points,
    pointsPerYuan: assets.pointsPerYuan,
    wallet: choice.wallet,
  });
}

export { isAllocationError };

/** Whether the choice applies anything (else the order is paid with a channel as usual). */
export function appliesAnything(choice: TradeChoice): boolean {
  return choice.couponNo !== null || choice.points > 0n || choice.wallet > 0n;
}

/** The panel's inputs as typed: points and yuan as text, the wallet's "use max" switch. */
export type TradeDraft = { couponNo: string | null; pointsText: string; walletText: string; walletMax: boolean };

export const EMPTY_DRAFT: TradeDraft = { couponNo: null, pointsText: "", walletText: "", walletMax: false };

const POINTS_TEXT = /^\d{1,12}$/;
const YUAN_TEXT = /^\d{1,9}(\.\d{1,2})?$/;

/** Whether a typed value can be read (empty counts as nothing). */
export function draftErrors(draft: TradeDraft): { points: boolean; wallet: boolean } {
  const points = draft.pointsText.trim();
  const wallet = draft.walletText.trim();
  return { points: points !== "" && !POINTS_TEXT.test(points), wallet: !draft.walletMax && wallet !== "" && !YUAN_TEXT.test(wallet) };
}

function yuanToFen(text: string): bigint {
  const [whole, frac = ""] = text.split(".");
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, "0"));
}

/** What a draft applies, within its limits (text that is not a number applies nothing). */
export function draftChoice(assets: CashierAssets, draft: TradeDraft): TradeChoice {
  const pointsText = draft.pointsText.trim();
  const walletText = draft.walletText.trim();
  const points = POINTS_TEXT.test(pointsText) ? BigInt(pointsText) : 0n;
  const wallet = draft.walletMax ? assets.wallet.spendable : YUAN_TEXT.test(walletText) ? yuanToFen(walletText) : 0n;
  return clampChoice(assets, { couponNo: draft.couponNo, points, wallet });
}
