import { db } from "@/server/db";
import { isBuyerId } from "@/server/domain/buyer-asset-schema";
import type { ApiApp } from "@/server/apps/app-cache";
import { buyerBalances } from "@/server/services/trades/buyer-assets";
import { couponView, type CouponView } from "./coupon-view";

/** The assets answer lists at most this many coupons, newest first. */
export const ASSET_COUPONS_LIMIT = 200;

export type BuyerAssetsView = {
  buyerId: string;
  wallet: { balance: bigint; frozen: bigint };
  points: { balance: bigint; frozen: bigint };
  coupons: CouponView[];
};

/**
 * GET /api/v1/buyers/{buyerId}/assets: the merchant's buyer's wallet and points (balance includes what
 * is frozen) and the calling app's coupons for that buyer, newest first (an AVAILABLE coupon past its
 * expiry shows EXPIRED). An unknown buyer — or a value that could never be a buyer id — has zeros and
 * no coupons (nothing is queried for the latter).
 */
export async function getBuyerAssets(app: Pick<ApiApp, "id" | "merchantId">, buyerId: string): Promise<BuyerAssetsView> {
  if (!isBuyerId(buyerId)) return { buyerId, wallet: { balance: 0n, frozen: 0n }, points: { balance: 0n, frozen: 0n }, coupons: [] };
  const now = new Date();
  const [balances, coupons] = await Promise.all([
    buyerBalances(db, app.merchantId, buyerId),
    db.coupon.findMany({
      where: { appId: app.id, buyerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: ASSET_COUPONS_LIMIT,
    }),
  ]);
  return { buyerId, ...balances, coupons: coupons.map((coupon) => couponView(coupon, now)) };
}
