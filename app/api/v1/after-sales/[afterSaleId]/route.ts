import { openApiRoute } from "@/server/openapi/handler";
import { getAfterSale } from "@/server/services/after-sales/get-after-sale";

export const dynamic = "force-dynamic";

// GET /api/v1/after-sales/{afterSaleId}
export const GET = openApiRoute({ route: "/api/v1/after-sales/[afterSaleId]" }, async ({ app, params }) => ({
  status: 200,
  body: await getAfterSale(app, params.afterSaleId),
}));
