import { readDb } from "@/server/read-db";
import { createdAtRange, decodeCursor, encodeCursor, type RefundFilters } from "@/server/domain/console-query-schema";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { merchantApps } from "@/server/services/pay-orders/list-pay-orders";

export const REFUNDS_PAGE_SIZE = 20;

/** One page of the merchant's refunds, newest first (keyset over createdAt, refundNo). */
export async function listRefunds(merchantId: string, filters: RefundFilters) {
  const where: Prisma.RefundWhereInput = { merchantId };
  if (filters.appId) where.appId = filters.appId;
  if (filters.status) where.status = filters.status;
  if (filters.q) where.OR = [{ refundNo: filters.q }, { mchRefundNo: filters.q }, { payOrderNo: filters.q }];
  const range = createdAtRange(filters.from, filters.to);
  if (range) where.createdAt = range;
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  if (cursor) where.AND = [{ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, refundNo: { lt: cursor.id } }] }];
  const rows = await readDb.refund.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { refundNo: "desc" }],
    take: REFUNDS_PAGE_SIZE + 1,
    select: {
      refundNo: true,
      mchRefundNo: true,
      payOrderNo: true,
      kind: true,
      amount: true,
      currency: true,
      status: true,
      reason: true,
      failureCode: true,
      failureMessage: true,
      retryCount: true,
      createdAt: true,
      succeededAt: true,
      requestedById: true,
      appId: true,
      payment: { select: { channel: true } },
    },
  });
  const page = rows.slice(0, REFUNDS_PAGE_SIZE);
  const last = page.at(-1);
  const appList = await merchantApps(merchantId);
  const apps = new Map(appList.map((a) => [a.id, a.name]));
  return {
    apps: appList,
    rows: page.map((row) => ({ ...row, appName: apps.get(row.appId) ?? row.appId })),
    nextCursor: rows.length > REFUNDS_PAGE_SIZE && last ? encodeCursor(last.createdAt, last.refundNo) : null,
    pendingReview: await readDb.refund.count({ where: { merchantId, status: "PENDING_REVIEW" } }),
  };
}
