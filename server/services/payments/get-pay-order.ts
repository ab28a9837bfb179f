import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ApiApp } from "@/server/openapi/app-cache";
import { payOrderView } from "./pay-order-view";
import { syncOpenAttempts } from "./sync-payment";

/**
 * GET /api/v1/pay-orders/{payOrderNo} and ?mchOrderNo=…, scoped to the calling app (another app's
 * order is ORDER_NOT_FOUND). `sync` asks the channel about open attempts first.
 */
export async function getPayOrder(app: ApiApp, by: { payOrderNo: string } | { mchOrderNo: string }, options: { sync?: boolean } = {}) {
  const where = "payOrderNo" in by ? { payOrderNo: by.payOrderNo } : { appId_mchOrderNo: { appId: app.id, mchOrderNo: by.mchOrderNo } };
  let order = await db.order.findUnique({ where });
  if (!order || order.appId !== app.id) throw new AppError("ORDER_NOT_FOUND", "no such order");
  if (options.sync && order.status === "PENDING") {
    await syncOpenAttempts(order.payOrderNo);
    order = await db.order.findUniqueOrThrow({ where: { payOrderNo: order.payOrderNo } });
  }
  const attempts = await db.payment.findMany({ where: { payOrderNo: order.payOrderNo } });
  return payOrderView(order, attempts);
}
