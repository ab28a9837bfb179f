import { readDb } from "@/server/read-db";
import { createdAtRange, decodeCursor, encodeCursor, type OrderFilters } from "@/server/domain/console-query-schema";
import { decimalToMinor } from "@/server/domain/money";
import type { Prisma } from "@/server/generated/prisma/client.ts";

export const ORDERS_PAGE_SIZE = 20;

/** Filters common to the orders table and its export: merchant scope plus what the clerk asked for. */
export function orderWhere(merchantId: string, f: Omit<OrderFilters, "cursor">): Prisma.PayOrderWhereInput {
  const where: Prisma.PayOrderWhereInput = { merchantId };
  if (f.appId) where.appId = f.appId;
  if (f.status) where.status = f.status;
  if (f.q) where.OR = [{ payOrderNo: f.q }, { mchOrderNo: f.q }, { channelTradeNo: f.q }];
  if (f.channel) where.payments = { some: { channel: f.channel } };
  const range = createdAtRange(f.from, f.to);
  if (range) where.createdAt = range;
  if (f.minAmount || f.maxAmount) {
    where.amount = {
      ...(f.minAmount ? { gte: decimalToMinor(f.minAmount) } : {}),
      ...(f.maxAmount ? { lte: decimalToMinor(f.maxAmount) } : {}),
    };
  }
  return where;
}

/**
 * One page of the merchant's orders, newest first, with keyset paging over (createdAt, payOrderNo) so
 * page 500 costs what page 1 costs. `nextCursor` is null on the last page.
 */
export async function listOrders(merchantId: string, filters: OrderFilters) {
  const where = orderWhere(merchantId, filters);
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  if (cursor) {
    where.AND = [
      { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, payOrderNo: { lt: cursor.id } }] },
    ];
  }
  const rows = await readDb.payOrder.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { payOrderNo: "desc" }],
    take: ORDERS_PAGE_SIZE + 1,
    select: {
      payOrderNo: true,
      mchOrderNo: true,
      subject: true,
      amount: true,
      currency: true,
      status: true,
      refundedAmount: true,
      channelTradeNo: true,
      createdAt: true,
      paidAt: true,
      app: { select: { id: true, name: true, mode: true } },
      payments: { select: { channel: true, mode: true }, orderBy: { seq: "desc" }, take: 1 },
    },
  });
  const page = rows.slice(0, ORDERS_PAGE_SIZE);
  const last = page.at(-1);
  return {
    apps: await merchantApps(merchantId),
    rows: page.map(({ payments, ...order }) => ({ ...order, channel: payments[0]?.channel ?? null, mode: payments[0]?.mode ?? null })),
    nextCursor: rows.length > ORDERS_PAGE_SIZE && last ? encodeCursor(last.createdAt, last.payOrderNo) : null,
  };
}

/** The merchant's apps by name, for the tables' app filter (no keys: every role may see them). */
export function merchantApps(merchantId: string) {
  return readDb.app.findMany({ where: { merchantId }, select: { id: true, name: true, mode: true }, orderBy: { createdAt: "asc" } });
}
