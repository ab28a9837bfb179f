import { openApiRoute } from "@/server/openapi/handler";
import { loadTradeView } from "@/server/services/trades/get-trade";

export const dynamic = "force-dynamic";

// GET /api/v1/trades/{tradeId}
export const GET = openApiRoute({ route: "/api/v1/trades/[tradeId]" }, async ({ app, params }) => ({
  status: 200,
  body: await loadTradeView(app.id, params.tradeId),
}));
