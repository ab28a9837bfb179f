import { db } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";
import { AppError } from "@/server/errors";
import type { ApiApp } from "@/server/apps/app-cache";
import { closeOrder } from "./expire-pay-order";
import { getPayOrder } from "./get-pay-order";

/** POST /api/v1/pay-orders/{payOrderNo}/close: at the channel and here; 409 if it was paid meanwhile. */
export async function closePayOrder(app: ApiApp, payOrderNo: string) {
  if (!hasIdShape("payOrderNo", payOrderNo)) throw new AppError("ORDER_NOT_FOUND", "no such order");
  const order = await db.payOrder.findUnique({ where: { payOrderNo }, select: { appId: true, status: true } });
  if (!order || order.appId !== app.id) throw new AppError("ORDER_NOT_FOUND", "no such order");
  if (order.status !== "PENDING" && order.status !== "CLOSED") throw new AppError("ORDER_ALREADY_PAID", "the order is already paid");
  if (order.status === "PENDING" && (await closeOrder(payOrderNo)) === "PAID") {
    throw new AppError("ORDER_ALREADY_PAID", "the order was paid before it could be closed");
  }
  return getPayOrder(app, { payOrderNo });
}
