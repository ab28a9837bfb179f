import { openApiRoute } from "@/server/openapi/handler";
import { getOrderBySource } from "@/server/services/orders/get-order";

export const dynamic = "force-dynamic";

// GET /api/v1/orders/by-source/{sourceOrderNo} – an order by the business system's number
export const GET = openApiRoute({ route: "/api/v1/orders/by-source/[sourceOrderNo]" }, async ({ app, params }) => ({
  status: 200,
  body: await getOrderBySource(app.id, params.sourceOrderNo),
}));
