import { transitionSchema } from "@/server/domain/order-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { transitionOrder } from "@/server/services/orders/transition-order";

export const dynamic = "force-dynamic";

// POST /api/v1/orders/{orderNo}/transitions – move the order forward along its flow
export const POST = openApiRoute({ route: "/api/v1/orders/[orderNo]/transitions", body: transitionSchema }, async ({ app, params, body }) => ({
  status: 200,
  body: await transitionOrder(app, params.orderNo, body),
}));
