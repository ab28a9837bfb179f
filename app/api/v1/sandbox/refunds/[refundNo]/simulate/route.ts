import { simulateRefundSchema } from "@/server/domain/pay-order-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { simulateRefund } from "@/server/services/sandbox/simulate-refund";

export const dynamic = "force-dynamic";

// POST /api/v1/sandbox/refunds/{refundNo}/simulate – TEST apps: the sandbox settles a refund it holds
export const POST = openApiRoute({ route: "/api/v1/sandbox/refunds/[refundNo]/simulate", body: simulateRefundSchema }, async ({ app, params, body }) => ({
  status: 202,
  body: await simulateRefund(app, params.refundNo, body.outcome),
}));
