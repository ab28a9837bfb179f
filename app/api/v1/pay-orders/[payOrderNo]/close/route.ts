import { openApiRoute } from "@/server/openapi/handler";
import { closePayOrder } from "@/server/services/payments/close-pay-order";

export const dynamic = "force-dynamic";

// POST /api/v1/pay-orders/{payOrderNo}/close – close at the channel and here
export const POST = openApiRoute({ route: "/api/v1/pay-orders/[payOrderNo]/close" }, async ({ app, params }) => ({
  status: 200,
  body: await closePayOrder(app, params.payOrderNo),
}));
