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

/** Who did it, on the order's timeline: `console:<userId>` (OPEN-API.md, "Lifecycle"). */
export const consoleActor = (userId: string) => `console:${userId}`;
