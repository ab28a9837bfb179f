import { openApiRoute } from "@/server/openapi/handler";
import { getOrder } from "@/server/services/orders/get-order";

export const dynamic = "force-dynamic";

// GET /api/v1/orders/{orderNo} – one order of the order center
export const GET = openApiRoute({ route: "/api/v1/orders/[orderNo]" }, async ({ app, params }) => ({
  status: 200,
  body: await getOrder(app.id, params.orderNo),
}));
