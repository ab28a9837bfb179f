import { db } from "@/server/db";
import { ORDER_NO_SHAPE, SOURCE_ORDER_NO_SHAPE } from "@/server/domain/order-schema";
import { AppError } from "@/server/errors";
import { loadOrderView, type OrderView } from "./order-view";

/** GET /api/v1/orders/{orderNo}: any value that names no order of this app is 404 ORDER_NOT_FOUND, well-formed or not. */
export async function getOrder(appId: string, orderNo: string): Promise<OrderView> {
  if (!ORDER_NO_SHAPE.test(orderNo)) throw new AppError("ORDER_NOT_FOUND", "order not found");
  return loadOrderView(db, appId, orderNo);
}

/** GET /api/v1/orders/by-source/{sourceOrderNo}: the business system's own number. */
export async function getOrderBySource(appId: string, sourceOrderNo: string): Promise<OrderView> {
  if (!SOURCE_ORDER_NO_SHAPE.test(sourceOrderNo)) throw new AppError("ORDER_NOT_FOUND", "order not found");
  const order = await db.order.findUnique({ where: { appId_sourceOrderNo: { appId, sourceOrderNo } }, select: { orderNo: true } });
  if (!order) throw new AppError("ORDER_NOT_FOUND", "order not found");
  return loadOrderView(db, appId, order.orderNo);
}
