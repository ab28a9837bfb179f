import { createSplitSchema } from "@/server/domain/profit-sharing-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { createApiSplit, listApiSplits } from "@/server/services/profit-sharing/api-splits";

export const dynamic = "force-dynamic";

// POST /api/v1/pay-orders/{payOrderNo}/splits – split a paid order frozen for profit sharing (分账)
export const POST = openApiRoute({ route: "/api/v1/pay-orders/[payOrderNo]/splits", body: createSplitSchema }, async ({ app, params, body }) => {
  const { status, split } = await createApiSplit(app, params.payOrderNo, body);
  return { status, body: split };
});

// GET /api/v1/pay-orders/{payOrderNo}/splits – the order's splits with each receiver's result
export const GET = openApiRoute({ route: "/api/v1/pay-orders/[payOrderNo]/splits" }, async ({ app, params }) => ({
  status: 200,
  body: await listApiSplits(app, params.payOrderNo),
}));
