import { db } from "@/server/db";
import { newShipmentNo } from "@/server/domain/ids";
import { SHIPPABLE_STATUSES, type OrderStatus } from "@/server/domain/order-flows";
import { hasOrderCenterIdShape } from "@/server/domain/order-post-ids";
import type { CreateShipmentInput } from "@/server/domain/shipment-schema";
import { AppError } from "@/server/errors";
import { addTimeline, moveOrder, recordOrderEvent } from "@/server/services/orders/order-records";

type Row = { orderNo: string; merchantId: string; status: string; buyerId: string };

/**
 * POST /api/v1/shipments: several orders of one buyer leave in one parcel. In one transaction, the
 * orders locked in a fixed order (no deadlock between two shipments): every one must be PAID or
 * TO_SHIP and of the same buyer, else 409 INVALID_TRANSITION and nothing is shipped; then each moves
 * to SHIPPED by compare-and-set with a timeline entry (carrier, tracking number) and the shipment.
 */
export async function createShipment(app: { id: string }, input: CreateShipmentInput, by = "api") {
  const orderNos = [...input.orderNos].sort();
  if (!orderNos.every((no) => hasOrderCenterIdShape("orderNo", no))) throw new AppError("ORDER_NOT_FOUND", "order not found", { field: "orderNos" });
  const shipment = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`
      SELECT "orderNo", "merchantId", status::text AS status, "buyerId" FROM "Order"
      WHERE "appId" = ${app.id} AND "orderNo" = ANY(${orderNos}::text[]) ORDER BY "orderNo" FOR UPDATE`;
    if (rows.length !== orderNos.length) throw new AppError("ORDER_NOT_FOUND", "order not found", { field: "orderNos" });
    const unshippable = rows.find((row) => !(SHIPPABLE_STATUSES as readonly string[]).includes(row.status));
    if (unshippable) throw new AppError("INVALID_TRANSITION", `order ${unshippable.orderNo} is ${unshippable.status}; only PAID or TO_SHIP orders ship`, { field: "orderNos" });
    if (new Set(rows.map((row) => row.buyerId)).size > 1) throw new AppError("INVALID_TRANSITION", "a merged shipment holds the orders of one buyer", { field: "orderNos" });

    const now = new Date();
    const created = await tx.shipment.create({
      data: {
        shipmentNo: newShipmentNo(now),
        merchantId: rows[0].merchantId,
        appId: app.id,
        carrier: input.carrier,
        trackingNo: input.trackingNo,
        createdAt: now,
        orders: { create: orderNos.map((orderNo) => ({ orderNo })) },
      },
    });
    for (const row of rows) {
      if (!(await moveOrder(tx, row, row.status as OrderStatus, "SHIPPED"))) throw new AppError("INVALID_TRANSITION", "an order changed meanwhile; retry");
      await addTimeline(tx, row.orderNo, "SHIPPED", by, { at: now, carrier: input.carrier, trackingNo: input.trackingNo, note: `shipment ${created.shipmentNo}` });
      await recordOrderEvent(tx, { ...row, appId: app.id }, "order.status_changed", { previousStatus: row.status as OrderStatus });
    }
    return created;
  });
  return { shipmentNo: shipment.shipmentNo, orderNos: input.orderNos, carrier: shipment.carrier, trackingNo: shipment.trackingNo, createdAt: shipment.createdAt };
}
