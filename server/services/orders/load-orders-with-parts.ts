import { type AfterSale, type Order, type OrderLine, type OrderTimelineEntry, Prisma, type Shipment } from "@/server/generated/prisma/client.ts";
import { columns, sql } from "@/server/sql";
import type { OrderWithParts } from "./order-view";

/**
 * A page of orders with what their views show (ORDER_PARTS), for the order list: seven prepared
 * statements sent straight to the pool at once, instead of Prisma's include (the list is the Open API's
 * busiest read; docs/adr/0013-order-center-scale.md). Same rows, same order as ORDER_PARTS; the orders
 * come back in the order of `orderNos`, unknown numbers left out.
 */
export async function loadOrdersWithParts(orderNos: string[]): Promise<OrderWithParts[]> {
  if (orderNos.length === 0) return [];
  const [orders, lines, timeline, payOrders, children, shipments, afterSales] = await Promise.all([
    sql<Order>(`SELECT ${columns(Prisma.OrderScalarFieldEnum)} FROM "Order" WHERE "orderNo" = ANY($1::text[])`, [orderNos]),
    sql<OrderLine>(`SELECT ${columns(Prisma.OrderLineScalarFieldEnum)} FROM "OrderLine" WHERE "orderNo" = ANY($1::text[]) ORDER BY "lineNo"`, [orderNos]),
    sql<OrderTimelineEntry>(
      `SELECT ${columns(Prisma.OrderTimelineEntryScalarFieldEnum)} FROM "OrderTimelineEntry" WHERE "orderNo" = ANY($1::text[]) ORDER BY at, id`,
      [orderNos],
    ),
    sql<OrderWithParts["payOrders"][number] & { orderNo: string }>(
      `SELECT "orderNo", "payOrderNo", purpose, amount, status, "createdAt" FROM "PayOrder" WHERE "orderNo" = ANY($1::text[]) ORDER BY "createdAt"`,
      [orderNos],
    ),
    sql<{ orderNo: string; parentOrderNo: string }>(
      `SELECT "orderNo", "parentOrderNo" FROM "Order" WHERE "parentOrderNo" = ANY($1::text[]) ORDER BY "orderNo"`,
      [orderNos],
    ),
    sql<Shipment & { forOrderNo: string }>(
      `SELECT so."orderNo" AS "forOrderNo", ${columns(Prisma.ShipmentScalarFieldEnum, "s")} FROM "ShipmentOrder" so
       JOIN "Shipment" s ON s."shipmentNo" = so."shipmentNo" WHERE so."orderNo" = ANY($1::text[]) ORDER BY so."shipmentNo"`,
      [orderNos],
    ),
    sql<AfterSale>(`SELECT ${columns(Prisma.AfterSaleScalarFieldEnum)} FROM "AfterSale" WHERE "orderNo" = ANY($1::text[]) ORDER BY "createdAt"`, [orderNos]),
  ]);
  const group = <Row, Out>(rows: Row[], key: (row: Row) => string, map: (row: Row) => Out) => {
    const byOrder = new Map<string, Out[]>();
    for (const row of rows) {
      const list = byOrder.get(key(row));
      if (list) list.push(map(row));
      else byOrder.set(key(row), [map(row)]);
    }
    return (orderNo: string) => byOrder.get(orderNo) ?? [];
  };
  const linesOf = group(lines.rows, (row) => row.orderNo, (row) => row);
  const timelineOf = group(timeline.rows, (row) => row.orderNo, (row) => row);
  const payOrdersOf = group(payOrders.rows, (row) => row.orderNo, ({ orderNo: _, ...payOrder }) => payOrder);
  const childrenOf = group(children.rows, (row) => row.parentOrderNo, (row) => ({ orderNo: row.orderNo }));
  const shipmentsOf = group(shipments.rows, (row) => row.forOrderNo, ({ forOrderNo: _, ...shipment }) => ({ shipment }));
  const afterSalesOf = group(afterSales.rows, (row) => row.orderNo, (row) => row);
  const byNo = new Map(orders.rows.map((order) => [order.orderNo, order]));
  return orderNos.flatMap((orderNo) => {
    const order = byNo.get(orderNo);
    if (!order) return [];
    return [
      {
        ...order,
        lines: linesOf(orderNo),
        timeline: timelineOf(orderNo),
        payOrders: payOrdersOf(orderNo),
        children: childrenOf(orderNo),
        shipments: shipmentsOf(orderNo),
        afterSales: afterSalesOf(orderNo),
      },
    ];
  });
}
