import { createPayOrderSchema } from "@/server/domain/pay-order-schema";
import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { createPayOrder } from "@/server/services/payments/create-pay-order";
import { getPayOrder } from "@/server/services/payments/get-pay-order";

export const dynamic = "force-dynamic";

// POST /api/v1/pay-orders – create an order and, unless mode is cashier, start paying it
export const POST = openApiRoute({ route: "/api/v1/pay-orders", body: createPayOrderSchema }, async ({ app, body }) => {
  const { status, order } = await createPayOrder(app, body);
  return { status, body: order };
});

// GET /api/v1/pay-orders?mchOrderNo=… – an order by the merchant's number
export const GET = openApiRoute({ route: "/api/v1/pay-orders" }, async ({ app, url }) => {
  const value = url.searchParams.get("mchOrderNo");
  if (!value) throw new AppError("VALIDATION_FAILED", "mchOrderNo is required", { field: "mchOrderNo" });
  return { status: 200, body: await getPayOrder(app, { mchOrderNo: value }, { sync: url.searchParams.get("sync") === "true" }) };
});
