import { createAfterSaleSchema } from "@/server/domain/after-sale-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { createAfterSale } from "@/server/services/after-sales/create-after-sale";

export const dynamic = "force-dynamic";

// POST /api/v1/orders/{orderNo}/after-sales – a return or refund request, PENDING_REVIEW (replayed by afterSaleNo)
export const POST = openApiRoute({ route: "/api/v1/orders/[orderNo]/after-sales", body: createAfterSaleSchema }, async ({ app, params, body }) => {
  const { status, afterSale } = await createAfterSale(app, params.orderNo, body);
  return { status, body: afterSale };
});
