import type { Coupon } from "@/server/generated/prisma/client.ts";

export type CouponStatusView = "AVAILABLE" | "LOCKED" | "USED" | "EXPIRED";

/** What the Open API answers for a coupon (OPEN-API.md, trade center). */
export type CouponView = {
  couponNo: string;
  buyerId: string;
  type: "amount_off" | "percent_off";
  value: bigint;
  minSpend: bigint;
  expiresAt: string;
  status: CouponStatusView;
  createdAt: string;
};

/**
 * The status a reader sees: an AVAILABLE coupon whose expiry has passed is EXPIRED already, before the
 * expire-coupons job marks it (a LOCKED one stays LOCKED: its trade decides).
 */
export function effectiveCouponStatus(coupon: Pick<Coupon, "status" | "expiresAt">, now = new Date()): CouponStatusView {
  if (coupon.status === "AVAILABLE" && coupon.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  return coupon.status;
}

export function couponView(coupon: Coupon, now = new Date()): CouponView {
  return {
    couponNo: coupon.couponNo,
    buyerId: coupon.buyerId,
    type: coupon.type,
    value: coupon.value,
    minSpend: coupon.minSpend,
    expiresAt: coupon.expiresAt.toISOString(),
    status: effectiveCouponStatus(coupon, now),
    createdAt: coupon.createdAt.toISOString(),
  };
}
