import { db } from "@/server/db";
import { acceptsAfterSales, isCancellable, nextStatuses, SPLITTABLE_STATUSES, type OrderFlow, type OrderStatus } from "@/server/domain/order-flows";
import { can } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import { ORDER_PARTS, type OrderWithParts, orderView, withRiskReviewedAt } from "@/server/services/orders/order-view";
import { type ConsoleMember, seesStore } from "./console-scope";

/**
 * One order of the merchant for the console's order page: the Open API's view of it plus its app and
 * what the member may do with it. Another merchant's order, or (for a dealer) another store's: 404.
 */
export async function getConsoleOrder(member: ConsoleMember, orderNo: string) {
  const order = await db.order.findFirst({ where: { orderNo, merchantId: member.merchantId }, include: { ...ORDER_PARTS, app: { select: { id: true, name: true, mode: true } } } });
  if (!order || !seesStore(member, order.storeId)) throw new AppError("ORDER_NOT_FOUND", "order not found");
  const status = order.status as OrderStatus;
  const flow = order.flow as OrderFlow;
  const manage = can(member.role, "orderCenter.manage");
  return {
    order: orderView(await withRiskReviewedAt(db, order as OrderWithParts)),
    app: order.app,
    may: {
      next: manage ? nextStatuses(flow, status) : [],
      cancel: manage && isCancellable(status),
      split: manage && (SPLITTABLE_STATUSES as readonly OrderStatus[]).includes(status) && order.lines.length > 0,
      ship: manage && (SPLITTABLE_STATUSES as readonly OrderStatus[]).includes(status),
      reviewAfterSales: can(member.role, "afterSales.review"),
      afterSales: acceptsAfterSales(flow, status),
      viewPayOrders: can(member.role, "orders.read"),
    },
  };
}

export type ConsoleOrder = Awaited<ReturnType<typeof getConsoleOrder>>;
