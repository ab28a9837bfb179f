import { simulateSchema } from "@/server/domain/pay-order-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { simulatePayment } from "@/server/services/sandbox/simulate-payment";

export const dynamic = "force-dynamic";

// POST /api/v1/sandbox/pay-orders/{payOrderNo}/simulate – TEST apps: the sandbox pays, declines or lets it expire
export const POST = openApiRoute({ route: "/api/v1/sandbox/pay-orders/[payOrderNo]/simulate", body: simulateSchema }, async ({ app, params, body }) => ({
  status: 202,
  body: await simulatePayment(app, params.payOrderNo, body),
}));
