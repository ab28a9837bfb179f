import { createTradeSchema } from "@/server/domain/trade-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { createTrade } from "@/server/services/trades/create-trade";

export const dynamic = "force-dynamic";

// POST /api/v1/orders/{orderNo}/trades – pay an order with coupon, points, wallet and a channel, all or nothing
export const POST = openApiRoute({ route: "/api/v1/orders/[orderNo]/trades", body: createTradeSchema }, async ({ app, params, body }) => {
  const { status, trade } = await createTrade(app, params.orderNo, body);
  return { status, body: trade };
});
