import { createOrderSchema, listOrdersQuerySchema, queryObject } from "@/server/domain/order-schema";
import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { validationError } from "@/server/to-app-error";
import { createOrder } from "@/server/services/orders/create-order";
import { listOrders } from "@/server/services/orders/list-orders";

export const dynamic = "force-dynamic";

// POST /api/v1/orders – push an order (replayed by sourceOrderNo); opens its pay orders
export const POST = openApiRoute({ route: "/api/v1/orders", body: createOrderSchema }, async ({ app, body }) => {
  const { status, order } = await createOrder(app, body);
  return { status, body: order };
});

// GET /api/v1/orders?buyerId=&storeId=&scene=&type=&status=&sku=&placedFrom=&placedTo=&limit=&cursor= – newest first, keyset paging
export const GET = openApiRoute({ route: "/api/v1/orders" }, async ({ app, url }) => {
  const query = queryObject(url.searchParams);
  if ("duplicate" in query) throw new AppError("VALIDATION_FAILED", `${query.duplicate}: given more than once`, { field: query.duplicate });
  const parsed = listOrdersQuerySchema.safeParse(query.value);
  if (!parsed.success) throw validationError(parsed.error);
  const { limit, cursor, ...filters } = parsed.data;
  return { status: 200, body: await listOrders({ appId: app.id }, filters, { limit, cursor }) };
});
