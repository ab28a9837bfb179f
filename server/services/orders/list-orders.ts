// TEMPORARY (oc-console): a stand-in for oc-core's list service with the signature the console expects,
// so the console can be built and tested before the merge. At the merge oc-core's file replaces this one.
import { db } from "@/server/db";
import { encodeCursor, decodeCursor } from "@/server/domain/console-query-schema";
import type { OrderStatus, OrderType } from "@/server/domain/order-flows";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { ORDER_PARTS, type OrderWithParts, orderView } from "./order-view";

export type ListOrdersScope = { appId: string } | { merchantId: string; storeIds?: string[] };

export type ListOrdersQuery = {
  buyerId?: string;
  storeId?: string;
  scene?: string;
  type?: OrderType;
  status?: OrderStatus;
  sku?: string;
  placedFrom?: Date;
  placedTo?: Date;
  limit?: number;
  cursor?: string;
};

export async function listOrders(scope: ListOrdersScope, query: ListOrdersQuery) {
  const limit = query.limit ?? 20;
  const where: Prisma.OrderWhereInput = "appId" in scope ? { appId: scope.appId } : { merchantId: scope.merchantId };
  const and: Prisma.OrderWhereInput[] = [];
  if ("merchantId" in scope && scope.storeIds) and.push({ storeId: { in: scope.storeIds } });
  if (query.buyerId) where.buyerId = query.buyerId;
  if (query.storeId) where.storeId = query.storeId;
  if (query.scene) where.scene = query.scene;
  if (query.type) where.type = query.type;
  if (query.status) where.status = query.status;
  if (query.sku) where.lines = { some: { sku: query.sku } };
  if (query.placedFrom || query.placedTo) where.placedAt = { ...(query.placedFrom ? { gte: query.placedFrom } : {}), ...(query.placedTo ? { lte: query.placedTo } : {}) };
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (cursor) and.push({ OR: [{ placedAt: { lt: cursor.createdAt } }, { placedAt: cursor.createdAt, orderNo: { lt: cursor.id } }] });
  if (and.length) where.AND = and;
  const rows = await db.order.findMany({ where, include: ORDER_PARTS, orderBy: [{ placedAt: "desc" }, { orderNo: "desc" }], take: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  return { data: page.map((order) => orderView(order as OrderWithParts)), nextCursor: hasMore && last ? encodeCursor(last.placedAt, last.orderNo) : null, hasMore };
}
