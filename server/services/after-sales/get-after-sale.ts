import { db } from "@/server/db";
import { hasOrderCenterIdShape } from "@/server/domain/order-post-ids";
import { AppError } from "@/server/errors";
import { afterSaleView } from "@/server/services/orders/order-view";

/** GET /api/v1/after-sales/{afterSaleId}: this app's after-sale; anything else is 404 AFTER_SALE_NOT_FOUND. */
export async function getAfterSale(app: { id: string }, afterSaleId: string) {
  if (!hasOrderCenterIdShape("afterSaleId", afterSaleId)) throw new AppError("AFTER_SALE_NOT_FOUND", "after-sale not found");
  const afterSale = await db.afterSale.findFirst({ where: { afterSaleId, appId: app.id } });
  if (!afterSale) throw new AppError("AFTER_SALE_NOT_FOUND", "after-sale not found");
  return afterSaleView(afterSale);
}
