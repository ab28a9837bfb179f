import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { type ConsoleMember, seesStore } from "./console-scope";

/**
 * The app of an order the member may act on (the order-center services act per app, as the Open API
 * does): another merchant's order, or another store's for a dealer, is not found.
 */
export async function consoleOrderApp(member: ConsoleMember, orderNo: string): Promise<{ id: string }> {
  const order = await db.order.findFirst({ where: { orderNo, merchantId: member.merchantId }, select: { appId: true, storeId: true } });
  if (!order || !seesStore(member, order.storeId)) throw new AppError("ORDER_NOT_FOUND", "order not found");
  return { id: order.appId };
}

/** The app of an after-sale of the merchant (a dealer: of its stores' orders). */
export async function consoleAfterSaleApp(member: ConsoleMember, afterSaleId: string): Promise<{ id: string }> {
  const afterSale = await db.afterSale.findFirst({ where: { afterSaleId, merchantId: member.merchantId }, select: { appId: true, order: { select: { storeId: true } } } });
  if (!afterSale || !seesStore(member, afterSale.order.storeId)) throw new AppError("AFTER_SALE_NOT_FOUND", "after-sale not found");
  return { id: afterSale.appId };
}

/** Every order of a merged shipment must be the merchant's (and one app's: a shipment is one app's parcel). */
export async function consoleShipmentApp(member: ConsoleMember, orderNos: string[]): Promise<{ id: string }> {
  const orders = await db.order.findMany({ where: { orderNo: { in: orderNos }, merchantId: member.merchantId }, select: { appId: true, storeId: true } });
  if (orders.length !== new Set(orderNos).size || orders.some((order) => !seesStore(member, order.storeId))) throw new AppError("ORDER_NOT_FOUND", "order not found");
  const apps = new Set(orders.map((order) => order.appId));
  if (apps.size !== 1) throw new AppError("INVALID_TRANSITION", "the orders of one shipment must come from one app");
  return { id: [...apps][0]! };
}

/** Who did it, on the order's timeline: `console:<userId>` (OPEN-API.md, "Lifecycle"). */
export const consoleActor = (userId: string) => `console:${userId}`;
