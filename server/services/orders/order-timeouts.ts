import { orderHasConfirmingTrade } from "@/server/services/trades/trade-hooks";
import { db } from "@/server/db";
import type { OrderStatus } from "@/server/domain/order-flows";
import { Prisma } from "@/server/generated/prisma/client.ts";
import type { OrderCancelReason } from "@/server/generated/prisma/client.ts";
import { cancelLockedOrder } from "./cancel-order";
import { addTimeline, lockOrder, lockOrderWithPayOrders, moveOrder, recordOrderEvent } from "./order-records";

/**
 * The order center's deadlines (OPEN-API.md), found by a sweep like the pay orders' expiry sweep:
 * each order is changed in its own transaction, under its lock, with a compare-and-set, so a sweep
 * that runs twice or races a payment changes nothing twice.
 *   payBy         unpaid PENDING_PAYMENT  → CANCELLED (payment_timeout)
 *   balanceDueAt  DEPOSIT_PAID            → CANCELLED (balance_timeout; the deposit refunded only if refundable)
 *   autoComplete  SHIPPED / TO_RECEIVE for App.autoCompleteDays → COMPLETED (by "timeout")
 *   shipBy        paid, not shipped in time → overdueAt set once, one `order.overdue`
 */

const BATCH = 500;
const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/** Paid and not yet shipped, in either flow (order-flows.ts awaitsShipping). */
const AWAITING_SHIPPING: OrderStatus[] = ["PAID", "TO_MEASURE", "TO_DESIGN", "IN_PRODUCTION", "TO_SHIP"];

export type SweepCounts = { paymentTimeouts: number; balanceTimeouts: number; completed: number; overdue: number };

async function dueOrders(query: Prisma.Sql): Promise<{ orderNo: string; appId: string }[]> {
  return db.$queryRaw<{ orderNo: string; appId: string }[]>(query);
}

async function cancelDue(status: "PENDING_PAYMENT" | "DEPOSIT_PAID", deadline: "payBy" | "balanceDueAt", reason: OrderCancelReason, now: Date): Promise<number> {
  const column = Prisma.raw(`"${deadline}"`);
  const due = await dueOrders(Prisma.sql`SELECT "orderNo", "appId" FROM "Order" WHERE status = ${status}::"OrderStatus" AND ${column} <= ${utc(now)} ORDER BY ${column} LIMIT ${BATCH}`);
  let count = 0;
  for (const { orderNo, appId } of due) {
    const cancelled = await db.$transaction(async (tx) => {
      const order = await lockOrderWithPayOrders(tx, appId, orderNo);
      const at = order[deadline];
      if (order.status !== status || !at || at > now) return false;
      if (await orderHasConfirmingTrade(tx, orderNo)) return false; // paid: the trade is being confirmed
      return cancelLockedOrder(tx, order, { reason, by: "timeout" });
    });
    if (cancelled) count++;
  }
  return count;
}

async function completeDue(now: Date): Promise<number> {
  const due = await dueOrders(Prisma.sql`
    SELECT o."orderNo", o."appId" FROM "Order" o JOIN "App" a ON a.id = o."appId"
    WHERE o.status IN ('SHIPPED', 'TO_RECEIVE') AND o."statusAt" <= ${utc(now)} - a."autoCompleteDays" * interval '1 day'
    ORDER BY o."statusAt" LIMIT ${BATCH}`);
  let count = 0;
  for (const { orderNo, appId } of due) {
    const completed = await db.$transaction(async (tx) => {
      const order = await lockOrder(tx, orderNo);
      if (!order || (order.status !== "SHIPPED" && order.status !== "TO_RECEIVE")) return false;
      const app = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: { autoCompleteDays: true } });
      if (order.statusAt.getTime() + app.autoCompleteDays * 86_400_000 > now.getTime()) return false;
      if (!(await moveOrder(tx, order, order.status, "COMPLETED"))) return false;
      await addTimeline(tx, orderNo, "COMPLETED", "timeout");
      await recordOrderEvent(tx, order, "order.status_changed", { previousStatus: order.status });
      return true;
    });
    if (completed) count++;
  }
  return count;
}

async function flagOverdue(now: Date): Promise<number> {
  const due = await dueOrders(Prisma.sql`
    SELECT "orderNo", "appId" FROM "Order"
    WHERE status IN (${Prisma.join(AWAITING_SHIPPING.map((s) => Prisma.sql`${s}::"OrderStatus"`))}) AND "shipBy" <= ${utc(now)} AND "overdueAt" IS NULL
    ORDER BY "shipBy" LIMIT ${BATCH}`);
  let count = 0;
  for (const { orderNo } of due) {
    const flagged = await db.$transaction(async (tx) => {
      const marked = await tx.order.updateMany({ where: { orderNo, overdueAt: null, status: { in: AWAITING_SHIPPING }, shipBy: { lte: now } }, data: { overdueAt: now } });
      if (marked.count !== 1) return false;
      const order = await tx.order.findUniqueOrThrow({ where: { orderNo }, select: { orderNo: true, appId: true, merchantId: true } });
      await recordOrderEvent(tx, order, "order.overdue");
      return true;
    });
    if (flagged) count++;
  }
  return count;
}

/** One pass over every deadline that has passed at `now` (tests move the clock by passing it). */
export async function sweepOrderTimeouts(now = new Date()): Promise<SweepCounts> {
  return {
    paymentTimeouts: await cancelDue("PENDING_PAYMENT", "payBy", "payment_timeout", now),
    balanceTimeouts: await cancelDue("DEPOSIT_PAID", "balanceDueAt", "balance_timeout", now),
    completed: await completeDue(now),
    overdue: await flagOverdue(now),
  };
}
