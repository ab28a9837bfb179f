import { db } from "@/server/db";
import type { OrderStatus, OrderType } from "@/server/domain/order-flows";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { ORDER_PARTS, orderView, type OrderView, type OrderWithParts } from "./order-view";

/**
 * The order list: GET /api/v1/orders (an app's orders) and the console (a merchant's, or a dealer's
 * stores'), newest first, by keyset on (placedAt desc, orderNo desc). Each filter has an index that
 * starts with the scope and the filter and ends with the sort (prisma/schema.prisma), so a page
 * reads only its own rows however large the table: the SKU filter pages on OrderLine's copy of
 * appId/merchantId/placedAt and joins the orders it finds.
 */

/** Whose orders: one app's (Open API), or a merchant's, optionally only some stores' (a dealer). */
export type OrderScope = { appId: string } | { merchantId: string; storeIds?: string[] };

export type OrderFilters = {
  buyerId?: string;
  storeId?: string;
  scene?: string;
  type?: OrderType;
  status?: OrderStatus;
  sku?: string;
  placedFrom?: Date;
  placedTo?: Date;
};

export type OrderPage = { data: OrderView[]; nextCursor: string | null; hasMore: boolean };

/** Opaque keyset cursor: base64url of the last row's placedAt and orderNo. */
export function encodeOrderCursor(placedAt: Date, orderNo: string): string {
  return Buffer.from(`${placedAt.toISOString()}|${orderNo}`).toString("base64url");
}

export function decodeOrderCursor(cursor: string): { placedAt: Date; orderNo: string } {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|(O\d{17}[0-9A-HJKMNP-TV-Z]{8})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  const placedAt = match ? new Date(match[1]) : null;
  if (!match || !placedAt || Number.isNaN(placedAt.getTime())) throw new AppError("VALIDATION_FAILED", "cursor is not a cursor this API returned", { field: "cursor" });
  return { placedAt, orderNo: match[2] };
}

/** A DateTime column is UTC without a zone: compare with the instant in UTC. */
const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/** The scope and filters on "Order" o (the SKU filter is the caller's). */
function orderConditions(scope: OrderScope, filters: OrderFilters): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if ("appId" in scope) parts.push(Prisma.sql`o."appId" = ${scope.appId}`);
  else {
    parts.push(Prisma.sql`o."merchantId" = ${scope.merchantId}`);
    if (scope.storeIds) parts.push(scope.storeIds.length ? Prisma.sql`o."storeId" IN (${Prisma.join(scope.storeIds)})` : Prisma.sql`FALSE`);
  }
  if (filters.buyerId !== undefined) parts.push(Prisma.sql`o."buyerId" = ${filters.buyerId}`);
  if (filters.storeId !== undefined) parts.push(Prisma.sql`o."storeId" = ${filters.storeId}`);
  if (filters.scene !== undefined) parts.push(Prisma.sql`o.scene = ${filters.scene}`);
  if (filters.type !== undefined) parts.push(Prisma.sql`o.type = ${filters.type}::"OrderType"`);
  if (filters.status !== undefined) parts.push(Prisma.sql`o.status = ${filters.status}::"OrderStatus"`);
  return parts;
}

/** placedFrom/placedTo and the cursor, on the table that drives the scan (o or l). */
function rangeConditions(alias: "o" | "l", filters: OrderFilters, after: { placedAt: Date; orderNo: string } | null): Prisma.Sql[] {
  const placedAt = Prisma.raw(`${alias}."placedAt"`);
  const orderNo = Prisma.raw(`${alias}."orderNo"`);
  const parts: Prisma.Sql[] = [];
  if (filters.placedFrom) parts.push(Prisma.sql`${placedAt} >= ${utc(filters.placedFrom)}`);
  if (filters.placedTo) parts.push(Prisma.sql`${placedAt} <= ${utc(filters.placedTo)}`);
  if (after) parts.push(Prisma.sql`(${placedAt}, ${orderNo}) < (${utc(after.placedAt)}, ${after.orderNo})`);
  return parts;
}

/** The SQL that finds a page's order numbers (limit + 1 of them, to know whether more follow). */
export function pageQuery(scope: OrderScope, filters: OrderFilters, after: { placedAt: Date; orderNo: string } | null, limit: number): Prisma.Sql {
  const where = (parts: Prisma.Sql[]) => Prisma.join(parts, " AND ");
  if (filters.sku === undefined) {
    const parts = [...orderConditions(scope, filters), ...rangeConditions("o", filters, after)];
    return Prisma.sql`SELECT o."orderNo" FROM "Order" o WHERE ${where(parts)} ORDER BY o."placedAt" DESC, o."orderNo" DESC LIMIT ${limit + 1}`;
  }
  const lineScope = "appId" in scope ? Prisma.sql`l."appId" = ${scope.appId}` : Prisma.sql`l."merchantId" = ${scope.merchantId}`;
  const parts = [lineScope, Prisma.sql`l.sku = ${filters.sku}`, ...rangeConditions("l", filters, after), ...orderConditions(scope, filters)];
  // an order with two lines of the SKU is one row: DISTINCT over the index's own order
  return Prisma.sql`SELECT DISTINCT l."placedAt", l."orderNo" FROM "OrderLine" l JOIN "Order" o ON o."orderNo" = l."orderNo"
    WHERE ${where(parts)} ORDER BY l."placedAt" DESC, l."orderNo" DESC LIMIT ${limit + 1}`;
}

export async function listOrders(scope: OrderScope, filters: OrderFilters, page: { limit: number; cursor?: string | null }): Promise<OrderPage> {
  const after = page.cursor ? decodeOrderCursor(page.cursor) : null;
  const rows = await db.$queryRaw<{ orderNo: string }[]>(pageQuery(scope, filters, after, page.limit));
  const numbers = rows.slice(0, page.limit).map((row) => row.orderNo);
  const orders = numbers.length ? await db.order.findMany({ where: { orderNo: { in: numbers } }, include: ORDER_PARTS }) : [];
  const byNo = new Map(orders.map((order) => [order.orderNo, order as OrderWithParts]));
  const data = numbers.flatMap((orderNo) => (byNo.has(orderNo) ? [byNo.get(orderNo) as OrderWithParts] : []));
  const last = data.at(-1);
  const hasMore = rows.length > page.limit;
  return { data: data.map(orderView), nextCursor: hasMore && last ? encodeOrderCursor(last.placedAt, last.orderNo) : null, hasMore };
}
