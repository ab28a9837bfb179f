import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { POS_SCENE, type PosMember, posStoreScope } from "./pos-member";
import { type PosOrderRow, type PosPayment, posPaymentView } from "./pos-view";

const SELECT = {
  orderNo: true,
  storeId: true,
  payableAmount: true,
  currency: true,
  placedAt: true,
  metadata: true,
  lines: { select: { name: true }, orderBy: { lineNo: "asc" }, take: 1 },
  payOrders: {
    where: { purpose: "full" },
    take: 1,
    select: {
      payOrderNo: true,
      status: true,
      paidAt: true,
      refundedAmount: true,
      channelTradeNo: true,
      payments: {
        orderBy: { seq: "desc" },
        take: 1,
        select: { attemptNo: true, channel: true, status: true, failureCode: true, failureMessage: true, payOutcome: true },
      },
    },
  },
} satisfies Prisma.OrderSelect;

type Loaded = Prisma.OrderGetPayload<{ select: typeof SELECT }>;

function toRow(order: Loaded): PosOrderRow {
  const payOrder = order.payOrders[0] ?? null;
  return {
    orderNo: order.orderNo,
    storeId: order.storeId,
    payableAmount: order.payableAmount,
    currency: order.currency,
    placedAt: order.placedAt,
    metadata: order.metadata,
    note: order.lines[0]?.name ?? "",
    payOrder: payOrder && {
      payOrderNo: payOrder.payOrderNo,
      status: payOrder.status,
      paidAt: payOrder.paidAt,
      refundedAmount: payOrder.refundedAmount,
      channelTradeNo: payOrder.channelTradeNo,
    },
    latest: payOrder?.payments[0] ?? null,
  };
}

/**
 * The member's POS orders only: the merchant's, of the POS scene, of the stores it may see (a cashier's own).
 * Another store's or another merchant's order is simply not there.
 */
export function posOrderWhere(member: Pick<PosMember, "merchantId" | "role" | "storeIds">): Prisma.OrderWhereInput {
  const stores = posStoreScope(member);
  return { merchantId: member.merchantId, scene: POS_SCENE, ...(stores ? { storeId: { in: stores } } : {}) };
}

export async function loadPosPayment(member: Pick<PosMember, "merchantId" | "role" | "storeIds">, orderNo: string): Promise<PosPayment | null> {
  const order = await db.order.findFirst({ where: { ...posOrderWhere(member), orderNo }, select: SELECT });
  return order ? posPaymentView(toRow(order)) : null;
}

export async function loadPosPayments(where: Prisma.OrderWhereInput, take: number): Promise<PosPayment[]> {
  const orders = await db.order.findMany({ where, select: SELECT, orderBy: [{ placedAt: "desc" }, { orderNo: "desc" }], take });
  return orders.map((order) => posPaymentView(toRow(order)));
}
