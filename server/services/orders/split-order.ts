import { db } from "@/server/db";
import { newOrderNo } from "@/server/domain/ids";
import { SPLITTABLE_STATUSES, type OrderStatus } from "@/server/domain/order-flows";
import { planSplit, type SplitOrderInput } from "@/server/domain/order-split";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { lockOrder } from "@/server/services/after-sales/create-after-sale";
import { addTimeline, moveOrder, recordOrderEvent } from "./order-records";
import { loadOrderView } from "./order-view";

/**
 * POST /api/v1/orders/{orderNo}/split: a PAID or TO_SHIP order becomes SPLIT for good and one child
 * order (status PAID, parentOrderNo set, its own timeline) per part, the parent's discount, shipping
 * and paid amount shared pro rata so the children add up exactly (server/domain/order-split.ts).
 * The pay orders stay the parent's: a child's cancel and after-sales refund from them. One
 * transaction with the parent locked and moved by compare-and-set: a split racing a split, a cancel
 * or a shipment happens once or not at all.
 */
export async function splitOrder(app: { id: string }, orderNo: string, input: SplitOrderInput, by = "api") {
  await db.$transaction(async (tx) => {
    const locked = await lockOrder(tx, app.id, orderNo);
    if (!(SPLITTABLE_STATUSES as readonly string[]).includes(locked.status)) {
      throw new AppError("INVALID_TRANSITION", `only a PAID or TO_SHIP order can be split; it is ${locked.status}`);
    }
    const parent = await tx.order.findUniqueOrThrow({ where: { orderNo }, include: { lines: { orderBy: { lineNo: "asc" } } } });
    const plan = planSplit(parent, input.parts);
    if (!plan.ok) throw new AppError("VALIDATION_FAILED", `${plan.field}: ${plan.message}`, { field: plan.field });

    const now = new Date();
    if (!(await moveOrder(tx, parent, parent.status as OrderStatus, "SPLIT"))) throw new AppError("INVALID_TRANSITION", "the order changed meanwhile; retry");
    // ascending, so the parent's childOrderNos (sorted by number) list the children in the order of the parts
    const childNos = plan.children.map(() => newOrderNo(now)).sort();
    for (const [i, child] of plan.children.entries()) {
      const childNo = childNos[i];
      await tx.order.create({
        data: {
          orderNo: childNo,
          merchantId: parent.merchantId,
          appId: parent.appId,
          // `~` is outside the business systems' alphabet: a child's number never takes one of theirs
          sourceOrderNo: `${parent.sourceOrderNo}~${i + 1}`,
          type: parent.type,
          scene: parent.scene,
          storeId: parent.storeId,
          flow: parent.flow,
          status: "PAID",
          buyerId: parent.buyerId,
          buyerName: parent.buyerName,
          buyerPhone: parent.buyerPhone,
          currency: parent.currency,
          discountAmount: child.discountAmount,
          shippingAmount: child.shippingAmount,
          payableAmount: child.payableAmount,
          paidAmount: child.paidAmount,
          shippingAddress: parent.shippingAddress ?? undefined,
          expireInSeconds: parent.expireInSeconds,
          openPayment: parent.openPayment,
          notifyUrl: parent.notifyUrl,
          metadata: (parent.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
          paramsHash: `split:${orderNo}:${i + 1}`,
          parentOrderNo: orderNo,
          statusAt: now,
          paidAt: parent.paidAt,
          shipBy: parent.shipBy,
          placedAt: parent.placedAt,
          lines: {
            create: child.lines.map((line, lineNo) => ({
              lineNo,
              merchantId: parent.merchantId,
              appId: parent.appId,
              placedAt: parent.placedAt,
              sku: line.sku,
              name: line.name,
              quantity: line.quantity,
              unitPrice: line.unitPrice,
              amount: line.amount,
              kind: line.kind,
            })),
          },
          timeline: { create: { status: "PAID", at: now, by, note: `split from ${orderNo}` } },
        },
      });
    }
    await addTimeline(tx, orderNo, "SPLIT", by, { at: now, note: `split into ${childNos.join(", ")}` });
    await recordOrderEvent(tx, parent, "order.status_changed", { previousStatus: parent.status as OrderStatus });
  });
  return loadOrderView(db, app.id, orderNo);
}
