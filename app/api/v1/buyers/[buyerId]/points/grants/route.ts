import { grantSchema } from "@/server/domain/buyer-asset-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { grantPoints } from "@/server/services/buyers/grant-points";
import { pathBuyerId } from "@/server/services/buyers/path-buyer-id";

export const dynamic = "force-dynamic";

// POST /api/v1/buyers/{buyerId}/points/grants – points credited at once (replayed by grantNo)
export const POST = openApiRoute({ route: "/api/v1/buyers/[buyerId]/points/grants", body: grantSchema }, async ({ app, body, params }) => {
  const { status, grant } = await grantPoints(app, pathBuyerId(params.buyerId), body);
  return { status, body: grant };
});
