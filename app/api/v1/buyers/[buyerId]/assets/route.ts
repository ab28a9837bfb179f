import { openApiRoute } from "@/server/openapi/handler";
import { getBuyerAssets } from "@/server/services/buyers/get-buyer-assets";

export const dynamic = "force-dynamic";

// GET /api/v1/buyers/{buyerId}/assets – wallet, points and the app's coupons of the merchant's buyer (unknown: zeros)
export const GET = openApiRoute({ route: "/api/v1/buyers/[buyerId]/assets" }, async ({ app, params }) => ({
  status: 200,
  body: await getBuyerAssets(app, params.buyerId),
}));
