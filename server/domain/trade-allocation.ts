/**
 * How a trade splits an order's payable amount over its instruments (OPEN-API.md, trade center), in
 * the documented order: the coupon's discount first, then points, then the wallet; the channel pays
 * what is left. Pure integer arithmetic on fen; every figure is ≥ 0 and the parts add up to payable.
 */

export type CouponTerms = { type: "amount_off" | "percent_off"; value: bigint; minSpend: bigint };

export type TradeRequestAmounts = {
  payable: bigint;
  coupon?: CouponTerms | null;
  points?: bigint;
  pointsPerYuan: number;
  wallet?: bigint;
};

export type Allocation = { coupon: bigint; points: bigint; pointsAmount: bigint; wallet: bigint; channel: bigint };

export type AllocationError = { field: "couponNos" | "points" | "walletAmount"; message: string };

/**
 * A coupon's discount on an amount: amount_off takes its value (never more than the amount),
 * percent_off `value` % of it rounded down to the fen. Zero when the amount is below minSpend.
 */
export function couponDiscount(terms: CouponTerms, amount: bigint): bigint {
  if (amount < terms.minSpend || amount <= 0n) return 0n;
  const discount = terms.type === "amount_off" ? terms.value : (amount * terms.value) / 100n;
  return discount > amount ? amount : discount;
}

/** The fen that `points` are worth: points × 100 / pointsPerYuan, or null when that is not whole fen. */
export function pointsToFen(points: bigint, pointsPerYuan: number): bigint | null {
  const ppy = BigInt(pointsPerYuan);
  if (ppy <= 0n) return null;
  return (points * 100n) % ppy === 0n ? (points * 100n) / ppy : null;
}

/**
 * The points a refund of `fen` out of a points part of `part` fen (worth `partPoints` points) gives
 * back: pro rata, rounded down, so repeated partial refunds never give back more than were spent
 * (the last refund of the part gives back what is left: the caller passes the remainder).
 */
export function fenToPartPoints(fen: bigint, part: bigint, partPoints: bigint): bigint {
  if (part <= 0n) return 0n;
  return (fen * partPoints) / part;
}

export function allocateTrade(request: TradeRequestAmounts): Allocation | AllocationError {
  const { payable } = request;
  const coupon = request.coupon ? couponDiscount(request.coupon, payable) : 0n;
  const points = request.points ?? 0n;
  if (points < 0n) return { field: "points", message: "must not be negative" };
  const pointsAmount = pointsToFen(points, request.pointsPerYuan);
  if (pointsAmount === null) return { field: "points", message: `must come to whole fen at ${request.pointsPerYuan} points per yuan` };
  const wallet = request.wallet ?? 0n;
  if (wallet < 0n) return { field: "walletAmount", message: "must not be negative" };
  const afterCoupon = payable - coupon;
  if (pointsAmount > afterCoupon) return { field: "points", message: "are worth more than what is left to pay after the coupon" };
  if (wallet > afterCoupon - pointsAmount) return { field: "walletAmount", message: "is more than what is left to pay after the coupon and points" };
  return { coupon, points, pointsAmount, wallet, channel: afterCoupon - pointsAmount - wallet };
}

export function isAllocationError(value: Allocation | AllocationError): value is AllocationError {
  return "field" in value;
}

/**
 * How a refund of `amount` fen of a traded order goes back (OPEN-API.md): channel first, then wallet,
 * then points, each up to what is left of it. What none of them can take is returned as `unplaced`.
 */
export function allocateTradeRefund(
  amount: bigint,
  left: { channel: bigint; wallet: bigint; points: bigint },
): { channel: bigint; wallet: bigint; points: bigint; unplaced: bigint } {
  let rest = amount;
  const take = (available: bigint) => {
    const part = rest < available ? rest : available;
    rest -= part > 0n ? part : 0n;
    return part > 0n ? part : 0n;
  };
  const channel = take(left.channel);
  const wallet = take(left.wallet);
  const points = take(left.points);
  return { channel, wallet, points, unplaced: rest };
}
