import { openApiRoute } from "@/server/openapi/handler";
import { decideAfterSale } from "@/server/services/after-sales/decide-after-sale";

export const dynamic = "force-dynamic";

// POST /api/v1/after-sales/{afterSaleId}/approve – REFUNDING, refunded through the payment center (no body)
export const POST = openApiRoute({ route: "/api/v1/after-sales/[afterSaleId]/approve" }, async ({ app, params }) => ({
  status: 200,
  body: await decideAfterSale(app, params.afterSaleId, { decision: "approve" }),
}));
