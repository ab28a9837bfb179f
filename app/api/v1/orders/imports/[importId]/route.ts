import { openApiRoute } from "@/server/openapi/handler";
import { getOrderImport } from "@/server/services/order-imports/get-order-import";

export const dynamic = "force-dynamic";

// GET /api/v1/orders/imports/{importId} – progress, counts, per-item errors
export const GET = openApiRoute({ route: "/api/v1/orders/imports/[importId]" }, async ({ app, params }) => ({
  status: 200,
  body: await getOrderImport(app, params.importId),
}));
