import { allocateTradeRefund, fenToPartPoints } from "./trade-allocation";

/**
 * How a refund of a traded order goes back (OPEN-API.md, trade center): channel first, then wallet,
 * then points, each up to what is left of it (allocateTradeRefund). Pure integer arithmetic on fen.
 */

/** A wallet or points part of a trade: what it paid (fen), what refunds gave back so far (fen), and its points. */
export type RefundablePart = { amount: bigint; refunded: bigint; points?: bigint | null };

export type TradeRefundPlan = {
  channel: bigint;
  wallet: bigint;
  /** fen of the points part given back, and the points that are worth. */
  points: { fen: bigint; points: bigint };
  /** What none of the parts could take (the caller refuses the refund). */
  unplaced: bigint;
};

const left = (part: RefundablePart | null | undefined) => (part ? part.amount - part.refunded : 0n);

/**
 * The points a refund of `fen` more of a points part gives back. Cumulative and rounded down: after
 * it, the part has given back ⌊refunded × points / amount⌋ points in all, so partial refunds never give
 * back more than were spent, and the last one (refunded = amount) gives back exactly what is left.
 */
export function pointsBack(part: RefundablePart, fen: bigint): bigint {
  if (fen <= 0n) return 0n;
  if (part.refunded + fen > part.amount) throw new RangeError(`refund of ${fen} fen exceeds the points part`);
  const points = part.points ?? 0n;
  return fenToPartPoints(part.refunded + fen, part.amount, points) - fenToPartPoints(part.refunded, part.amount, points);
}

/** Places `amount` fen over the channel's refundable rest, then the wallet part's, then the points part's. */
export function planTradeRefund(
  amount: bigint,
  parts: { channelRefundable: bigint; wallet?: RefundablePart | null; points?: RefundablePart | null },
): TradeRefundPlan {
  if (amount < 0n) throw new RangeError(`bad refund amount ${amount}`);
  const placed = allocateTradeRefund(amount, { channel: parts.channelRefundable, wallet: left(parts.wallet), points: left(parts.points) });
  const pointsFen = placed.points;
  return {
    channel: placed.channel,
    wallet: placed.wallet,
    points: { fen: pointsFen, points: parts.points && pointsFen > 0n ? pointsBack(parts.points, pointsFen) : 0n },
    unplaced: placed.unplaced,
  };
}

/** What is left to give back of a traded order through its parts: the whole when nothing was refunded yet. */
export function tradeRefundable(parts: { channelRefundable: bigint; wallet?: RefundablePart | null; points?: RefundablePart | null }): bigint {
  const channel = parts.channelRefundable > 0n ? parts.channelRefundable : 0n;
  return channel + left(parts.wallet) + left(parts.points);
}
