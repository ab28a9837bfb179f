import { db } from "@/server/db";
import { newOrderNo } from "@/server/domain/ids";
import type { OrderStatus } from "@/server/domain/order-flows";

let counter = 0;

/**
 * An order written straight into the order center (as an import lands one), for tests of the console and
 * the portal that need orders of several stores, buyers and apps without paying them.
 */
export async function insertOrder(options: { appId: string; storeId?: string | null; buyerId?: string; sku?: string; status?: OrderStatus; scene?: string; placedAt?: Date; amount?: bigint }) {
  const app = await db.app.findUniqueOrThrow({ where: { id: options.appId }, select: { merchantId: true } });
  const placedAt = options.placedAt ?? new Date(Date.now() - counter * 1000);
  const amount = options.amount ?? 10_000n;
  const orderNo = newOrderNo();
  counter += 1;
  await db.order.create({
    data: {
      orderNo,
      merchantId: app.merchantId,
      appId: options.appId,
      sourceOrderNo: `FIX-${Date.now()}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      type: "standard",
      scene: options.scene ?? "mall",
      storeId: options.storeId ?? null,
      flow: "standard",
      status: options.status ?? "PAID",
      buyerId: options.buyerId ?? "U1001",
      buyerName: "张三",
      buyerPhone: "13800138000",
      payableAmount: amount,
      paidAmount: options.status === "PENDING_PAYMENT" ? 0n : amount,
      paramsHash: "fixture",
      placedAt,
      lines: { create: [{ lineNo: 0, merchantId: app.merchantId, appId: options.appId, placedAt, sku: options.sku ?? "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: amount, amount }] },
      timeline: { create: [{ status: options.status ?? "PAID", by: "import", at: placedAt }] },
    },
  });
  return orderNo;
}
