import { db } from "@/server/db";
import { ASSET_NO_SHAPE } from "@/server/domain/buyer-asset-schema";
import { AppError } from "@/server/errors";
import type { ApiApp } from "@/server/apps/app-cache";
import { couponView, type CouponView } from "./coupon-view";

/** GET /api/v1/coupons/{couponNo}: the calling app's coupon; anything else (another app's, any shape) → 404 COUPON_NOT_FOUND. */
export async function getCoupon(app: Pick<ApiApp, "id">, couponNo: string): Promise<CouponView> {
  const coupon = ASSET_NO_SHAPE.test(couponNo) ? await db.coupon.findUnique({ where: { appId_couponNo: { appId: app.id, couponNo } } }) : null;
  if (!coupon) throw new AppError("COUPON_NOT_FOUND", "no such coupon");
  return couponView(coupon);
}
