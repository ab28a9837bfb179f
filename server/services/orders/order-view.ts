import type { Tx } from "@/server/db";
import { maskPhone } from "@/server/domain/phone";
import { loadEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import type { AfterSale, Order, OrderLine, OrderTimelineEntry, PayOrder, Prisma, Shipment } from "@/server/generated/prisma/client.ts";

/** What the order view needs: the order and its lines, timeline, pay orders, children, shipments, after-sales. */
export type OrderWithParts = Order & {
  lines: OrderLine[];
  timeline: OrderTimelineEntry[];
  payOrders: Pick<PayOrder, "payOrderNo" | "purpose" | "amount" | "status" | "createdAt">[];
  children: Pick<Order, "orderNo">[];
  shipments: { shipment: Shipment }[];
  afterSales: AfterSale[];
  /** When its risk review was decided (withRiskReviewedAt); absent: not loaded (decidedAt null). */
  riskReviewedAt?: Date | null;
};

/** The Prisma include that loads an OrderWithParts. */
export const ORDER_PARTS = {
  lines: { orderBy: { lineNo: "asc" as const } },
  timeline: { orderBy: [{ at: "asc" as const }, { id: "asc" as const }] },
  payOrders: { select: { payOrderNo: true, purpose: true, amount: true, status: true, createdAt: true }, orderBy: { createdAt: "asc" as const } },
  children: { select: { orderNo: true }, orderBy: { orderNo: "asc" as const } },
  shipments: { include: { shipment: true } },
  afterSales: { orderBy: { createdAt: "asc" as const } },
} satisfies Prisma.OrderInclude;

export function afterSaleView(afterSale: AfterSale) {
  return {
    afterSaleId: afterSale.afterSaleId,
    afterSaleNo: afterSale.afterSaleNo,
    orderNo: afterSale.orderNo,
    type: afterSale.type,
    amount: afterSale.amount,
    refundedAmount: afterSale.refundedAmount,
    ...(afterSale.lines ? { lines: afterSale.lines } : {}),
    reason: afterSale.reason,
    status: afterSale.status,
    ...(afterSale.rejectReason ? { rejectReason: afterSale.rejectReason } : {}),
    decidedAt: afterSale.decidedAt,
    createdAt: afterSale.createdAt,
    updatedAt: afterSale.updatedAt,
  };
}

/** The Open API's representation of an order (OPEN-API.md, "Order center"): the buyer's phone masked. */
export function orderView(order: OrderWithParts) {
  const base = loadEnv().PUBLIC_BASE_URL;
  return {
    orderNo: order.orderNo,
    sourceOrderNo: order.sourceOrderNo,
    type: order.type,
    scene: order.scene,
    storeId: order.storeId,
    flow: order.flow,
    status: order.status,
    ...(order.cancelReason ? { cancelReason: order.cancelReason, cancelNote: order.cancelNote } : {}),
    buyer: { id: order.buyerId, name: order.buyerName, phone: maskPhone(order.buyerPhone) },
    lines: order.lines.map((line) => ({ sku: line.sku, name: line.name, quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount, kind: line.kind })),
    currency: order.currency,
    discountAmount: order.discountAmount,
    shippingAmount: order.shippingAmount,
    payableAmount: order.payableAmount,
    paidAmount: order.paidAmount,
    refundedAmount: order.refundedAmount,
    ...(order.type === "presale"
      ? { presale: { depositAmount: order.depositAmount, balanceDueAt: order.balanceDueAt, depositRefundable: order.depositRefundable } }
      : {}),
    payments: order.payOrders
      .filter((payOrder) => payOrder.purpose !== null)
      .map((payOrder) => ({ purpose: payOrder.purpose, payOrderNo: payOrder.payOrderNo, amount: payOrder.amount, status: payOrder.status, cashierUrl: `${base}/pay/${payOrder.payOrderNo}` })),
    parentOrderNo: order.parentOrderNo,
    childOrderNos: order.children.map((child) => child.orderNo),
    shipments: order.shipments.map(({ shipment }) => ({ shipmentNo: shipment.shipmentNo, carrier: shipment.carrier, trackingNo: shipment.trackingNo, createdAt: shipment.createdAt })),
    afterSales: order.afterSales.map(afterSaleView),
    timeline: order.timeline.map((entry) => ({
      status: entry.status,
      at: entry.at,
      by: entry.by,
      ...(entry.note ? { note: entry.note } : {}),
      ...(entry.carrier ? { carrier: entry.carrier } : {}),
      ...(entry.trackingNo ? { trackingNo: entry.trackingNo } : {}),
    })),
    riskReview: order.riskReview ? { status: order.riskReview, decidedAt: order.riskReviewedAt ?? null } : null,
    ...(order.shippingAddress ? { shippingAddress: maskAddress(order.shippingAddress) } : {}),
    expireInSeconds: order.expireInSeconds,
    ...(order.overdueAt ? { overdueAt: order.overdueAt } : {}),
    ...(order.importId ? { importId: order.importId } : {}),
    metadata: order.metadata ?? {},
    placedAt: order.placedAt,
    paidAt: order.paidAt,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}

export type OrderView = ReturnType<typeof orderView>;

/** The shipping address as stored, its phone masked like the buyer's. */
function maskAddress(address: unknown): unknown {
  if (!address || typeof address !== "object") return address;
  const { phone, ...rest } = address as Record<string, unknown>;
  return typeof phone === "string" ? { ...rest, phone: maskPhone(phone) } : rest;
}

/** One order of the app, as the Open API shows it; unknown (or another app's) → 404 ORDER_NOT_FOUND. */
export async function loadOrderView(tx: Tx, appId: string, orderNo: string): Promise<OrderView> {
  const order = await tx.order.findFirst({ where: { orderNo, appId }, include: ORDER_PARTS });
  if (!order) throw new AppError("ORDER_NOT_FOUND", "order not found");
  return orderView(await withRiskReviewedAt(tx, order as OrderWithParts));
}

/** Adds when the order's risk review was decided (one primary-key read, only for an order whose review is decided). */
export async function withRiskReviewedAt<T extends Pick<Order, "orderNo" | "riskReview">>(tx: Tx, order: T): Promise<T & { riskReviewedAt?: Date | null }> {
  if (order.riskReview !== "APPROVED" && order.riskReview !== "REJECTED") return order;
  const review = await tx.riskReview.findUnique({ where: { orderNo: order.orderNo }, select: { reviewedAt: true } });
  return { ...order, riskReviewedAt: review?.reviewedAt ?? null };
}
