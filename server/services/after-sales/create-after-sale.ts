import { db, type Tx } from "@/server/db";
import type { CreateAfterSaleInput } from "@/server/domain/after-sale-schema";
import { newAfterSaleId } from "@/server/domain/ids";
import { acceptsAfterSales, type OrderFlow, type OrderStatus } from "@/server/domain/order-flows";
import { hasOrderCenterIdShape } from "@/server/domain/order-post-ids";
import { paramsHash } from "@/server/domain/params-hash";
import { AppError } from "@/server/errors";
import type { AfterSale } from "@/server/generated/prisma/client.ts";
import { recordEvent } from "@/server/services/events/record-event";
import { afterSaleView } from "@/server/services/orders/order-view";

/** After-sales that still hold part of the order's refundable amount. */
export const OPEN_AFTER_SALE_STATUSES = ["PENDING_REVIEW", "REFUNDING"] as const;

function replayOrMismatch(existing: AfterSale, orderNo: string, hash: string) {
  if (existing.orderNo !== orderNo || existing.paramsHash !== hash) {
    throw new AppError("REFUND_PARAMS_MISMATCH", "this afterSaleNo was used with other parameters", { field: "afterSaleNo" });
  }
  return { status: 200 as const, afterSale: afterSaleView(existing) };
}

/**
 * POST /api/v1/orders/{orderNo}/after-sales: a buyer's return or refund request, PENDING_REVIEW.
 * The order row is locked while the request is weighed against what is left to refund (paid − refunded
 * − what open after-sales still hold), so after-sales racing each other never promise more than was
 * paid. The same afterSaleNo replays the first answer.
 */
export async function createAfterSale(app: { id: string }, orderNo: string, input: CreateAfterSaleInput) {
  const hash = paramsHash({ orderNo, type: input.type, amount: input.amount, lines: input.lines ?? null, reason: input.reason ?? null });
  const key = { appId_afterSaleNo: { appId: app.id, afterSaleNo: input.afterSaleNo } };
  const existing = await db.afterSale.findUnique({ where: key });
  if (existing) return replayOrMismatch(existing, orderNo, hash);
  try {
    const created = await db.$transaction(async (tx) => {
      const order = await lockOrder(tx, app.id, orderNo);
      if (await tx.afterSale.findUnique({ where: key })) throw new Replay();
      if (!acceptsAfterSales(order.flow as OrderFlow, order.status as OrderStatus)) {
        throw new AppError("INVALID_TRANSITION", `after-sales are taken from SHIPPED on; the order is ${order.status}`);
      }
      if (input.lines) await checkLines(tx, orderNo, input.lines);
      const open = await tx.afterSale.findMany({ where: { orderNo, status: { in: [...OPEN_AFTER_SALE_STATUSES] } }, select: { amount: true, refundedAmount: true } });
      const held = open.reduce((sum, a) => sum + a.amount - a.refundedAmount, 0n);
      if (input.amount > order.paidAmount - order.refundedAmount - held) {
        throw new AppError("REFUND_EXCEEDS_REFUNDABLE", "the amount exceeds what is left to refund on this order", { field: "amount" });
      }
      const afterSale = await tx.afterSale.create({
        data: {
          afterSaleId: newAfterSaleId(),
          afterSaleNo: input.afterSaleNo,
          merchantId: order.merchantId,
          appId: app.id,
          orderNo,
          type: input.type,
          amount: input.amount,
          lines: input.lines,
          reason: input.reason,
          paramsHash: hash,
        },
      });
      await recordEvent(tx, { merchantId: order.merchantId, appId: app.id, type: "after_sale.created", orderNo, data: afterSaleView(afterSale) });
      return afterSale;
    });
    return { status: 201 as const, afterSale: afterSaleView(created) };
  } catch (error) {
    if (error instanceof Replay || (error as { code?: string }).code === "P2002") {
      return replayOrMismatch(await db.afterSale.findUniqueOrThrow({ where: key }), orderNo, hash);
    }
    throw error;
  }
}

class Replay extends Error {}

type LockedOrder = { merchantId: string; flow: string; status: string; paidAmount: bigint; refundedAmount: bigint };

/** The order of this app, locked for the rest of the transaction; any other value is 404 ORDER_NOT_FOUND. */
export async function lockOrder(tx: Tx, appId: string, orderNo: string): Promise<LockedOrder> {
  if (!hasOrderCenterIdShape("orderNo", orderNo)) throw new AppError("ORDER_NOT_FOUND", "order not found");
  const rows = await tx.$queryRaw<LockedOrder[]>`
    SELECT "merchantId", flow::text AS flow, status::text AS status, "paidAmount", "refundedAmount"
    FROM "Order" WHERE "orderNo" = ${orderNo} AND "appId" = ${appId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("ORDER_NOT_FOUND", "order not found");
  return rows[0];
}

/** Each line names a SKU of the order, within the quantity ordered (400 otherwise). */
async function checkLines(tx: Tx, orderNo: string, lines: { sku: string; quantity: number }[]) {
  const ordered = await tx.orderLine.findMany({ where: { orderNo }, select: { sku: true, quantity: true } });
  for (const [i, line] of lines.entries()) {
    const quantity = ordered.filter((o) => o.sku === line.sku).reduce((sum, o) => sum + o.quantity, 0);
    if (quantity === 0) throw new AppError("VALIDATION_FAILED", `lines.${i}.sku: the order has no line with this sku`, { field: `lines.${i}.sku` });
    if (line.quantity > quantity) throw new AppError("VALIDATION_FAILED", `lines.${i}.quantity: more than was ordered`, { field: `lines.${i}.quantity` });
  }
}
