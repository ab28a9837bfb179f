import type { Tx } from "@/server/db";
import type { OrderStatus } from "@/server/domain/order-flows";
import { AppError } from "@/server/errors";
import type { Order } from "@/server/generated/prisma/client.ts";
import { type OrderEventType, recordEvent } from "@/server/services/events/record-event";
import { ORDER_PARTS, type OrderView, orderView, type OrderWithParts, withRiskReviewedAt } from "./order-view";

/**
 * What every use case of the order center writes the same way, inside its caller's transaction:
 * the row lock, the timeline entry, the event.
 */

/** Locks the order (FOR UPDATE) and reads it; null when there is no such order. */
export async function lockOrder(tx: Tx, orderNo: string): Promise<Order | null> {
  const rows = await tx.$queryRaw<{ orderNo: string }[]>`SELECT "orderNo" FROM "Order" WHERE "orderNo" = ${orderNo} FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.order.findUniqueOrThrow({ where: { orderNo } });
}

/**
 * Locks the order's pay orders, then the order: the payment center locks a pay order before it
 * touches its order (apply-trade-result, expire-pay-order), so the order center takes them in the
 * same order and neither can deadlock the other. Another app's order is not found.
 */
export async function lockOrderWithPayOrders(tx: Tx, appId: string, orderNo: string): Promise<Order> {
  await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "orderNo" = ${orderNo} ORDER BY "payOrderNo" FOR UPDATE`;
  const order = await lockOrder(tx, orderNo);
  if (!order || order.appId !== appId) throw new AppError("ORDER_NOT_FOUND", "order not found");
  return order;
}

export type TimelineDetails = { note?: string | null; carrier?: string | null; trackingNo?: string | null; at?: Date };

export async function addTimeline(tx: Tx, orderNo: string, status: OrderStatus, by: string, details: TimelineDetails = {}): Promise<void> {
  await tx.orderTimelineEntry.create({
    data: { orderNo, status, by, at: details.at ?? new Date(), note: details.note ?? null, carrier: details.carrier ?? null, trackingNo: details.trackingNo ?? null },
  });
}

/** The order as its events carry it (the Open API view), read inside the transaction that changed it. */
export async function orderSnapshot(tx: Tx, orderNo: string) {
  const order = await tx.order.findUniqueOrThrow({ where: { orderNo }, include: ORDER_PARTS });
  return orderView(await withRiskReviewedAt(tx, order as OrderWithParts));
}

/** Records an order event (webhook to the order's notifyUrl, else the app's; the event feed) with the order's view. */
export async function recordOrderEvent(
  tx: Tx,
  order: Pick<Order, "orderNo" | "merchantId" | "appId">,
  type: OrderEventType,
  extra: { previousStatus?: OrderStatus } = {},
  /** The order's view when the caller already has it as written (order create); else it is read. */
  known?: OrderView,
): Promise<OrderView> {
  const view = known ?? (await orderSnapshot(tx, order.orderNo));
  await recordEvent(tx, { merchantId: order.merchantId, appId: order.appId, type, orderNo: order.orderNo, data: { ...view, ...extra } });
  return view;
}

/** A status change's compare-and-set: moves the order only if it is still in `from`. */
export async function moveOrder(
  tx: Tx,
  order: Pick<Order, "orderNo">,
  from: OrderStatus,
  to: OrderStatus,
  data: Omit<Parameters<Tx["order"]["updateMany"]>[0]["data"], "status"> = {},
): Promise<boolean> {
  const changed = await tx.order.updateMany({ where: { orderNo: order.orderNo, status: from }, data: { ...data, status: to, statusAt: new Date() } });
  return changed.count === 1;
}

type LineInput = { sku: string; name: string; quantity: number; unitPrice: bigint; kind: string };

/**
 * An order's lines as stored, numbered in the order given. Each carries its order's appId, merchantId
 * and placedAt: the SKU filter pages on OrderLine's own index and relies on a line's placedAt being
 * its order's (docs/adr/0013).
 */
export function orderLineRows(order: Pick<Order, "orderNo" | "merchantId" | "appId" | "placedAt">, lines: readonly LineInput[]) {
  return lines.map((line, lineNo) => ({
    orderNo: order.orderNo,
    lineNo,
    merchantId: order.merchantId,
    appId: order.appId,
    placedAt: order.placedAt,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: BigInt(line.quantity) * line.unitPrice,
    kind: line.kind,
  }));
}
