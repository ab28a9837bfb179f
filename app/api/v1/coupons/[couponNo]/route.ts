import { openApiRoute } from "@/server/openapi/handler";
import { getCoupon } from "@/server/services/buyers/get-coupon";

export const dynamic = "force-dynamic";

// GET /api/v1/coupons/{couponNo} – one coupon of the app (unknown → 404 COUPON_NOT_FOUND)
export const GET = openApiRoute({ route: "/api/v1/coupons/[couponNo]" }, async ({ app, params }) => ({
  status: 200,
  body: await getCoupon(app, params.couponNo),
}));
