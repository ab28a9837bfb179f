import { openApiRoute } from "@/server/openapi/handler";
import { getPayOrder } from "@/server/services/payments/get-pay-order";

export const dynamic = "force-dynamic";

// GET /api/v1/pay-orders/{payOrderNo}[?sync=true] – an order, optionally asking the channel first
export const GET = openApiRoute({ route: "/api/v1/pay-orders/[payOrderNo]" }, async ({ app, params, url }) => ({
  status: 200,
  body: await getPayOrder(app, { payOrderNo: params.payOrderNo }, { sync: url.searchParams.get("sync") === "true" }),
}));
