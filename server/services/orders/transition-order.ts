import type { ApiApp } from "@/server/apps/app-cache";
import { db } from "@/server/db";
import { newShipmentNo } from "@/server/domain/ids";
import { canTransition, type OrderFlow, type OrderStatus, shipByOnEntering } from "@/server/domain/order-flows";
import { ORDER_NO_SHAPE, type TransitionInput } from "@/server/domain/order-schema";
import { AppError } from "@/server/errors";
import { addTimeline, lockOrder, moveOrder, recordOrderEvent } from "./order-records";
import { loadOrderView, type OrderView } from "./order-view";

/**
 * POST /api/v1/orders/{orderNo}/transitions (and the console's): moves the order forward along its
 * flow (order-flows.ts canTransition), else 409 INVALID_TRANSITION. A compare-and-set on the status
 * under the row lock, the timeline entry with the note/carrier/trackingNo, `order.status_changed`; a
 * move to SHIPPED with a carrier records the order's shipment.
 */
export async function transitionOrder(app: Pick<ApiApp, "id">, orderNo: string, input: TransitionInput, by = "api"): Promise<OrderView> {
  if (!ORDER_NO_SHAPE.test(orderNo)) throw new AppError("ORDER_NOT_FOUND", "order not found");
  await db.$transaction(async (tx) => {
    const order = await lockOrder(tx, orderNo);
    if (!order || order.appId !== app.id) throw new AppError("ORDER_NOT_FOUND", "order not found");
    const from = order.status as OrderStatus;
    if (!canTransition(order.flow as OrderFlow, from, input.to)) {
      throw new AppError("INVALID_TRANSITION", `an order of flow ${order.flow} cannot move from ${from} to ${input.to}`, { field: "to" });
    }
    const settings = await tx.app.findUniqueOrThrow({ where: { id: order.appId }, select: { shipWithinHours: true } });
    const shipBy = shipByOnEntering(order.flow as OrderFlow, input.to, new Date(), settings.shipWithinHours);
    if (!(await moveOrder(tx, order, from, input.to, shipBy ? { shipBy } : {}))) throw new AppError("INVALID_TRANSITION", "the order changed meanwhile; read it and retry");
    await addTimeline(tx, orderNo, input.to, by, { note: input.note, carrier: input.carrier, trackingNo: input.trackingNo });
    if (input.to === "SHIPPED" && input.carrier) {
      const shipment = await tx.shipment.create({
        data: { shipmentNo: newShipmentNo(), merchantId: order.merchantId, appId: order.appId, carrier: input.carrier, trackingNo: input.trackingNo ?? null },
      });
      await tx.shipmentOrder.create({ data: { shipmentNo: shipment.shipmentNo, orderNo } });
    }
    await recordOrderEvent(tx, order, "order.status_changed", { previousStatus: from });
  });
  return loadOrderView(db, app.id, orderNo);
}
