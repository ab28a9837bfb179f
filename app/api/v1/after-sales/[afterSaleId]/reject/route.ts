import { rejectAfterSaleSchema } from "@/server/domain/after-sale-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { decideAfterSale } from "@/server/services/after-sales/decide-after-sale";

export const dynamic = "force-dynamic";

// POST /api/v1/after-sales/{afterSaleId}/reject {"reason"} – REJECTED
export const POST = openApiRoute({ route: "/api/v1/after-sales/[afterSaleId]/reject", body: rejectAfterSaleSchema }, async ({ app, params, body }) => ({
  status: 200,
  body: await decideAfterSale(app, params.afterSaleId, { decision: "reject", reason: body.reason }),
}));
