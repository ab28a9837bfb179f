import { topUpSchema } from "@/server/domain/buyer-asset-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { pathBuyerId } from "@/server/services/buyers/path-buyer-id";
import { createTopUp } from "@/server/services/buyers/create-top-up";

export const dynamic = "force-dynamic";

// POST /api/v1/buyers/{buyerId}/wallet/top-ups – a top-up paid through the cashier (replayed by topUpNo)
export const POST = openApiRoute({ route: "/api/v1/buyers/[buyerId]/wallet/top-ups", body: topUpSchema }, async ({ app, body, params }) => {
  const { status, topUp } = await createTopUp(app, pathBuyerId(params.buyerId), body);
  return { status, body: topUp };
});
