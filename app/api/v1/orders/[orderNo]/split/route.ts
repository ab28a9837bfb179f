import { splitOrderSchema } from "@/server/domain/order-split";
import { openApiRoute } from "@/server/openapi/handler";
import { splitOrder } from "@/server/services/orders/split-order";

export const dynamic = "force-dynamic";

// POST /api/v1/orders/{orderNo}/split – child orders per part; the parent becomes SPLIT (200 with the parent)
export const POST = openApiRoute({ route: "/api/v1/orders/[orderNo]/split", body: splitOrderSchema }, async ({ app, params, body }) => ({
  status: 200,
  body: await splitOrder(app, params.orderNo, body),
}));
