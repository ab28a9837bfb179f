import type { ApiApp } from "@/server/apps/app-cache";
import type { Tx } from "@/server/db";
import type { Order, PayOrder } from "@/server/generated/prisma/client.ts";
import { openPayOrderInTx } from "@/server/services/payments/create-pay-order";

/** The pay order's subject: the first line's name, and how many lines more. */
export function paymentSubject(lines: readonly { name: string }[]): string {
  const first = lines[0]!.name;
  const subject = lines.length === 1 ? first : `${first} 等${lines.length}件商品`;
  return subject.slice(0, 128);
}

type PayableOrder = Pick<Order, "orderNo" | "type" | "storeId" | "openPayment" | "payableAmount" | "depositAmount" | "expireInSeconds">;

/**
 * The pay order an order opens for its buyer (the deposit of a presale, else the full amount), in the caller's
 * transaction: at create, or when a risk review releases the order (review-order.ts). None when the order does not
 * open payments itself or has nothing to pay.
 */
export async function openOrderPayment(
  tx: Tx,
  app: Pick<ApiApp, "id" | "merchantId">,
  order: PayableOrder,
  lines?: readonly { name: string }[],
): Promise<PayOrder | null> {
  if (!order.openPayment || order.payableAmount <= 0n) return null;
  const purpose = order.type === "presale" ? "deposit" : "full";
  const named = lines ?? (await tx.orderLine.findMany({ where: { orderNo: order.orderNo }, orderBy: { lineNo: "asc" }, select: { name: true } }));
  return openPayOrderInTx(tx, app, {
    mchOrderNo: `${order.orderNo}-${purpose}`,
    amount: order.depositAmount ?? order.payableAmount,
    subject: paymentSubject(named),
    metadata: { orderNo: order.orderNo, ...(order.storeId ? { storeId: order.storeId } : {}) },
    expireInSeconds: order.expireInSeconds,
    orderNo: order.orderNo,
    purpose,
  });
}
