import { db } from "@/server/db";
import { beijingDate, beijingDayRange } from "@/server/domain/reconciliation";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { AppError } from "@/server/errors";
import { loadPosPayments, posOrderWhere } from "./load-pos-payments";
import { mayUseStore, POS_SCENE, type PosMember, posStoreScope } from "./pos-member";
import type { PosPayment } from "./pos-view";

/** How many of the day's payments the panel lists (newest first); the figures count them all. */
export const TAKINGS_LIST_SIZE = 100;

export type PosTakings = {
  /** The Beijing calendar day (yyyy-MM-dd). */
  day: string;
  currency: "CNY";
  paidCount: number;
  paidAmount: bigint;
  refundedCount: number;
  refundedAmount: bigint;
  /** paid − refunded */
  netAmount: bigint;
  byChannel: { channel: string; count: number; amount: bigint }[];
  payments: (PosPayment & { cashierName: string | null })[];
};

type Totals = { channel: string; count: number; amount: bigint; refundedCount: number; refunded: bigint };

/**
 * Today's (Beijing day) takings at the POS for the stores the member may see — a cashier's own, the owner's every
 * store — or one of them (`storeId`): paid payments counted and summed by channel, refunds, and the latest payments
 * with their time, amount, channel, status and cashier. The figures are one aggregate over the day's POS orders
 * (index merchantId, storeId, placedAt); the list is capped.
 */
export async function getPosTakings(member: Pick<PosMember, "merchantId" | "role" | "storeIds">, options: { storeId?: string; now?: Date } = {}): Promise<PosTakings> {
  if (options.storeId && !mayUseStore(member, options.storeId)) throw new AppError("FORBIDDEN", "storeNotYours", { field: "storeId" });
  const day = beijingDate(options.now ?? new Date());
  const { from, to } = beijingDayRange(day);
  const scope = options.storeId ? [options.storeId] : posStoreScope(member);
  const storeFilter = scope === null ? Prisma.empty : scope.length ? Prisma.sql`AND o."storeId" IN (${Prisma.join(scope)})` : Prisma.sql`AND FALSE`;
  const totals = await db.$queryRaw<Totals[]>`
    SELECT p.channel, count(*)::int AS count, sum(po."paidAmount")::bigint AS amount,
           (count(*) FILTER (WHERE po."refundedAmount" > 0))::int AS "refundedCount", sum(po."refundedAmount")::bigint AS refunded
    FROM "Order" o
    JOIN "PayOrder" po ON po."orderNo" = o."orderNo" AND po.purpose = 'full'
    JOIN "Payment" p ON p."attemptNo" = po."paidAttemptNo"
    WHERE o."merchantId" = ${member.merchantId} AND o.scene = ${POS_SCENE} AND o."placedAt" >= ${from} AND o."placedAt" < ${to} ${storeFilter}
      AND po.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')
    GROUP BY p.channel ORDER BY amount DESC, p.channel`;
  const where = { ...posOrderWhere(member), ...(options.storeId ? { storeId: options.storeId } : {}), placedAt: { gte: from, lt: to } };
  const payments = await loadPosPayments(where, TAKINGS_LIST_SIZE);
  const cashierIds = [...new Set(payments.map((p) => p.cashierId).filter((id): id is string => id !== null))];
  const users = await db.user.findMany({ where: { id: { in: cashierIds }, memberships: { some: { merchantId: member.merchantId } } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const paidAmount = totals.reduce((sum, t) => sum + t.amount, 0n);
  const refundedAmount = totals.reduce((sum, t) => sum + t.refunded, 0n);
  return {
    day,
    currency: "CNY",
    paidCount: totals.reduce((sum, t) => sum + t.count, 0),
    paidAmount,
    refundedCount: totals.reduce((sum, t) => sum + t.refundedCount, 0),
    refundedAmount,
    netAmount: paidAmount - refundedAmount,
    byChannel: totals.map((t) => ({ channel: t.channel, count: t.count, amount: t.amount })),
    payments: payments.map((p) => ({ ...p, cashierName: p.cashierId ? (names.get(p.cashierId) ?? null) : null })),
  };
}
