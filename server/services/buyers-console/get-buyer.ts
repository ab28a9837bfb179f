import { db } from "@/server/db";
import { effectiveCouponStatus } from "@/server/services/buyers/coupon-view";
import { buyerBalances } from "@/server/services/trades/buyer-assets";

/** Coupons shown on a buyer's page, newest first (a buyer with more is shown the newest). */
export const BUYER_COUPONS_SHOWN = 100;

/**
 * One buyer of the merchant for the console: wallet and points (zeros for a buyer who holds nothing),
 * the newest coupons with the order of the trade that holds or used each. Any buyer id answers (an
 * unknown one holds nothing), as the Open API's assets do.
 */
export async function getBuyer(merchantId: string, buyerId: string, now = new Date()) {
  const [balances, coupons, couponCount] = await Promise.all([
    buyerBalances(db, merchantId, buyerId),
    db.coupon.findMany({
      where: { merchantId, buyerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: BUYER_COUPONS_SHOWN,
      select: { couponNo: true, appId: true, type: true, value: true, minSpend: true, expiresAt: true, status: true, tradeId: true, usedAt: true, createdAt: true, issuedBy: true },
    }),
    db.coupon.count({ where: { merchantId, buyerId } }),
  ]);
  const tradeIds = [...new Set(coupons.flatMap((c) => (c.tradeId ? [c.tradeId] : [])))];
  const trades = tradeIds.length ? await db.trade.findMany({ where: { merchantId, tradeId: { in: tradeIds } }, select: { tradeId: true, orderNo: true } }) : [];
  const orderOf = new Map(trades.map((t) => [t.tradeId, t.orderNo]));
  return {
    buyerId,
    wallet: { ...balances.wallet, available: balances.wallet.balance - balances.wallet.frozen },
    points: { ...balances.points, available: balances.points.balance - balances.points.frozen },
    coupons: coupons.map((c) => ({ ...c, status: effectiveCouponStatus(c, now), orderNo: c.tradeId ? (orderOf.get(c.tradeId) ?? null) : null })),
    couponCount,
  };
}

export type ConsoleBuyer = Awaited<ReturnType<typeof getBuyer>>;
