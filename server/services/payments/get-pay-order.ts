import { AppError } from "@/server/errors";
import type { ApiApp } from "@/server/apps/app-cache";
import { loadOrderWithAttempts } from "./load-pay-order-with-attempts";
import { payOrderView } from "./pay-order-view";
import { syncOpenAttempts } from "./sync-payment";

/**
 * GET /api/v1/pay-orders/{payOrderNo} and ?mchOrderNo=…, scoped to the calling app (another app's
 * order is ORDER_NOT_FOUND). `sync` asks the channel about open attempts first.
 */
export async function getPayOrder(app: ApiApp, by: { payOrderNo: string } | { mchOrderNo: string }, options: { sync?: boolean } = {}) {
  let found = await loadOrderWithAttempts("payOrderNo" in by ? by : { appId: app.id, mchOrderNo: by.mchOrderNo });
  if (!found || found.order.appId !== app.id) throw new AppError("ORDER_NOT_FOUND", "no such order");
  if (options.sync && found.order.status === "PENDING") {
    await syncOpenAttempts(found.order.payOrderNo);
    found = await loadOrderWithAttempts({ payOrderNo: found.order.payOrderNo });
    if (!found) throw new AppError("ORDER_NOT_FOUND", "no such order");
  }
  return payOrderView(found.order, found.attempts);
}
