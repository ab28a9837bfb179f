import { cancelOrderSchema } from "@/server/domain/order-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { cancelOrder } from "@/server/services/orders/cancel-order";

export const dynamic = "force-dynamic";

// POST /api/v1/orders/{orderNo}/cancel – cancel before anything left the warehouse; paid pay orders are refunded
export const POST = openApiRoute({ route: "/api/v1/orders/[orderNo]/cancel", body: cancelOrderSchema }, async ({ app, params, body }) => ({
  status: 200,
  body: await cancelOrder(app, params.orderNo, body),
}));
