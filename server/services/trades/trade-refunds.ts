import type { Tx } from "@/server/db";
import { isPaidPayOrder } from "@/server/domain/pay-order-states";
import { planTradeRefund, type RefundablePart, type TradeRefundPlan, tradeRefundable } from "@/server/domain/trade-refund-plan";
import type { Order, PayOrder, Refund, Trade, TradePart } from "@/server/generated/prisma/client.ts";
import { logger } from "@/server/observability/logger";
import { payingOrderNo } from "@/server/services/after-sales/refund-sources";
import { insertRefundInTx, refundParamsHash } from "@/server/services/refunds/create-refund";
import { moveAsset } from "./buyer-assets";

/**
 * Refunds of an order paid by a trade (OPEN-API.md, trade center): the money goes back channel first,
 * then wallet, then points; the coupon comes back only when everything else has. Everything here runs
 * in the caller's transaction, which holds the order's pay orders and the order locked (pay orders
 * first, as the payment center locks them).
 */

export type TradeWithParts = Trade & { parts: TradePart[] };

/** Why a refund is made, naming its steps uniquely (journal dedupe keys, the channel refund's number). */
export type TradeRefundCause = {
  /** Names this refund step: `<orderNo>-cancel`, `<afterSaleId>-<n>`. Never reused for another step. */
  key: string;
  /** The channel refund's mchRefundNo, if the channel takes part of it. */
  mchRefundNo: string;
  reason: string;
  afterSaleId?: string;
};

/** The succeeded trade that paid the order (or the order a split child was paid through), if any. */
export async function tradeOfOrder(tx: Tx, orderNo: string): Promise<TradeWithParts | null> {
  const payer = await payingOrderNo(tx, orderNo);
  return tx.trade.findFirst({ where: { orderNo: payer, status: "SUCCEEDED" }, include: { parts: true }, orderBy: { createdAt: "desc" } });
}

/**
 * The same, its row locked for the rest of the transaction and its parts read after the lock: the
 * refunds of one trade (a split's children, an after-sale and a settling refund) take turns, so each
 * plans from what the others left. Taken after the pay orders and the order, as every caller holds them.
 */
async function lockTradeOfOrder(tx: Tx, orderNo: string): Promise<TradeWithParts | null> {
  const payer = await payingOrderNo(tx, orderNo);
  const rows = await tx.$queryRaw<{ tradeId: string }[]>`
    SELECT "tradeId" FROM "Trade" WHERE "orderNo" = ${payer} AND status = 'SUCCEEDED' ORDER BY "createdAt" DESC LIMIT 1 FOR UPDATE`;
  return rows[0] ? tx.trade.findUnique({ where: { tradeId: rows[0].tradeId }, include: { parts: true } }) : null;
}

const partOf = (trade: TradeWithParts, instrument: TradePart["instrument"]) => trade.parts.find((part) => part.instrument === instrument) ?? null;

const refundable = (part: TradePart | null): RefundablePart | null => (part ? { amount: part.amount, refunded: part.refundedAmount, points: part.points } : null);

function channelRefundable(payOrder: Pick<PayOrder, "status" | "paidAmount" | "refundedAmount" | "refundingAmount"> | null): bigint {
  if (!payOrder || !isPaidPayOrder(payOrder.status)) return 0n;
  const left = payOrder.paidAmount - payOrder.refundedAmount - payOrder.refundingAmount;
  return left > 0n ? left : 0n;
}

async function channelPayOrder(tx: Tx, trade: TradeWithParts): Promise<PayOrder | null> {
  const channel = partOf(trade, "channel");
  return channel?.payOrderNo ? tx.payOrder.findUnique({ where: { payOrderNo: channel.payOrderNo } }) : null;
}

/**
 * Adds `fen` to a part's refundedAmount with a guarded update (never past its amount: the CHECK
 * constraint backs it); the part is REFUNDED once all of it is back. False when the guard refused.
 */
async function addPartRefunded(tx: Tx, part: Pick<TradePart, "tradeId" | "partNo">, fen: bigint): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE "TradePart"
    SET "refundedAmount" = "refundedAmount" + ${fen},
        status = CASE WHEN "refundedAmount" + ${fen} = amount THEN 'REFUNDED'::"TradePartStatus" ELSE status END,
        "updatedAt" = now()
    WHERE "tradeId" = ${part.tradeId} AND "partNo" = ${part.partNo} AND "refundedAmount" + ${fen} <= amount`;
  return changed === 1;
}

/**
 * Places `amount` fen of a refund of an order paid by a trade: the channel pay order's part as an
 * ordinary refund of the payment center (the order's refundedAmount grows when it succeeds:
 * refund-settled.ts), then the wallet and the points parts at once (moveAsset "refund", each with a
 * dedupe key naming this step, the order's refundedAmount growing with them). Null when the order
 * was not paid by a trade. Throws when the parts cannot take the whole amount (nothing is written:
 * the caller's transaction rolls back), or when a step was already taken (its fence).
 */
export async function refundTradedOrder(
  tx: Tx,
  order: Pick<Order, "orderNo" | "merchantId" | "appId">,
  amount: bigint | "rest",
  cause: TradeRefundCause,
): Promise<TradeRefundPlan | null> {
  const trade = await lockTradeOfOrder(tx, order.orderNo);
  if (!trade) return null;
  const payOrder = await channelPayOrder(tx, trade);
  const wallet = partOf(trade, "wallet");
  const points = partOf(trade, "points");
  const left = { channelRefundable: channelRefundable(payOrder), wallet: refundable(wallet), points: refundable(points) };
  const plan = planTradeRefund(amount === "rest" ? tradeRefundable(left) : amount, left);
  if (plan.unplaced > 0n) throw new Error(`trade ${trade.tradeId}: ${plan.unplaced} fen of the refund ${cause.key} has nowhere to go back`);

  if (plan.channel > 0n && payOrder) await channelRefund(tx, order.orderNo, payOrder, plan.channel, cause);
  const memo = `refund ${cause.key}`;
  const common = { merchantId: trade.merchantId, appId: trade.appId, buyerId: trade.buyerId, orderNo: order.orderNo, tradeId: trade.tradeId, memo };
  if (plan.wallet > 0n && wallet) {
    if (!(await addPartRefunded(tx, wallet, plan.wallet))) throw new Error(`trade ${trade.tradeId}: the wallet part refused ${plan.wallet} fen more`);
    await moveAsset(tx, { ...common, asset: "wallet", op: "refund", amount: plan.wallet, dedupeKey: `wallet_refund:${trade.tradeId}:${cause.key}` });
  }
  if (plan.points.fen > 0n && points) {
    if (!(await addPartRefunded(tx, points, plan.points.fen))) throw new Error(`trade ${trade.tradeId}: the points part refused ${plan.points.fen} fen more`);
    if (plan.points.points > 0n) {
      await moveAsset(tx, { ...common, asset: "points", op: "refund", amount: plan.points.points, dedupeKey: `points_refund:${trade.tradeId}:${cause.key}` });
    }
  }
  const done = plan.wallet + plan.points.fen;
  if (done > 0n) await tx.order.update({ where: { orderNo: order.orderNo }, data: { refundedAmount: { increment: done } } });
  // also when nothing money-like was left (a coupon that paid the whole order)
  await returnCouponWhenAllBack(tx, trade.tradeId);
  return plan;
}

/** Refunds everything the order's trade has not given back yet (a cancel). Null when not a traded order. */
export function refundRestOfTradedOrder(tx: Tx, order: Pick<Order, "orderNo" | "merchantId" | "appId">, cause: TradeRefundCause) {
  return refundTradedOrder(tx, order, "rest", cause);
}

async function channelRefund(tx: Tx, orderNo: string, payOrder: PayOrder, amount: bigint, cause: TradeRefundCause): Promise<Refund> {
  const refund = await insertRefundInTx(tx, payOrder, {
    mchRefundNo: cause.mchRefundNo,
    amount,
    reason: cause.reason,
    paramsHash: refundParamsHash({ payOrderNo: payOrder.payOrderNo, amount, reason: cause.reason }),
    needsReview: false, // the cancel or the after-sale's approval was the decision
    orderNo,
    afterSaleId: cause.afterSaleId,
  });
  if (!refund) throw new Error(`pay order ${payOrder.payOrderNo}: could not reserve ${amount} fen for the refund ${cause.mchRefundNo}`);
  return refund;
}

/**
 * The payment center settled a refund of a trade's channel pay order (refund-settled.ts, in its
 * transaction, the pay order locked). For a trade that paid its order (SUCCEEDED) the channel part's
 * refundedAmount grows (guarded) and the coupon comes back if that was the last money out; a failed
 * trade's compensation refund is the coordinator's (drive-trade.ts). True when the part moved.
 */
export async function tradeChannelRefundSettled(tx: Tx, refund: Pick<Refund, "payOrderNo" | "amount" | "refundNo">): Promise<boolean> {
  const head = await tx.trade.findUnique({ where: { payOrderNo: refund.payOrderNo }, select: { tradeId: true, status: true } });
  if (head?.status !== "SUCCEEDED") return false;
  await tx.$queryRaw`SELECT 1 FROM "Trade" WHERE "tradeId" = ${head.tradeId} FOR UPDATE`;
  const trade = await tx.trade.findUniqueOrThrow({ where: { tradeId: head.tradeId }, include: { parts: true } });
  const channel = partOf(trade, "channel");
  const moved = channel ? await addPartRefunded(tx, channel, refund.amount) : false;
  // the pay order itself never refunds more than was paid, so this is a bug, not a reason to keep the refund unsettled
  if (channel && !moved) logger.error({ tradeId: trade.tradeId, refundNo: refund.refundNo }, "the channel part of the trade refused a settled refund");
  await returnCouponWhenAllBack(tx, trade.tradeId);
  return moved;
}

/**
 * When every money-like part of a succeeded trade (points, wallet, channel) is back in full, the
 * coupon comes back too: USED → AVAILABLE, or EXPIRED when its time has passed; no longer tied to the
 * trade; its part REFUNDED with refundedAmount = amount. A compare-and-set on the coupon (USED by this
 * trade): once, whichever refund is the last to settle. For a split order the trade's parts are the
 * parent's, so the coupon comes back when all its children are refunded.
 */
export async function returnCouponWhenAllBack(tx: Tx, tradeId: string): Promise<boolean> {
  const parts = await tx.tradePart.findMany({ where: { tradeId } });
  const coupon = parts.find((part) => part.instrument === "coupon");
  if (!coupon?.couponNo) return false;
  if (parts.some((part) => part.instrument !== "coupon" && part.refundedAmount < part.amount)) return false;
  const trade = await tx.trade.findUniqueOrThrow({ where: { tradeId }, select: { appId: true } });
  const returned = await tx.$executeRaw`
    UPDATE "Coupon"
    SET status = CASE WHEN "expiresAt" > now() THEN 'AVAILABLE'::"CouponStatus" ELSE 'EXPIRED'::"CouponStatus" END,
        "tradeId" = NULL, "usedAt" = NULL, "updatedAt" = now()
    WHERE "appId" = ${trade.appId} AND "couponNo" = ${coupon.couponNo} AND status = 'USED' AND "tradeId" = ${tradeId}`;
  if (returned !== 1) return false;
  await tx.$executeRaw`
    UPDATE "TradePart" SET "refundedAmount" = amount, status = 'REFUNDED'::"TradePartStatus", "updatedAt" = now()
    WHERE "tradeId" = ${tradeId} AND "partNo" = ${coupon.partNo}`;
  return true;
}
