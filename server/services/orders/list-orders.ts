import { getPool } from "@/server/db";
import { getReadPool } from "@/server/read-db";
import type { OrderStatus, OrderType } from "@/server/domain/order-flows";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { loadOrdersWithParts } from "./load-orders-with-parts";
import { orderView, type OrderView } from "./order-view";

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

/** The order-level filters besides the scope (what makes the SKU query join the orders). */
const hasOrderFilters = (scope: OrderScope, filters: OrderFilters) =>
  ("storeIds" in scope && scope.storeIds !== undefined) ||
  [filters.buyerId, filters.storeId, filters.scene, filters.type, filters.status].some((value) => value !== undefined);

/**
 * The SQL that finds a page's order numbers (limit + 1 of them, to know whether more follow). Each shape
 * reads index entries only, in the list's order, and stops at the page (docs/adr/0013-order-center-scale.md):
 * - no SKU: the index of the scope and one filter; the other filters are dropped on the index's INCLUDEd
 *   columns (a dealer's several stores: one such scan per store, merged);
 * - SKU alone: OrderLine's (scope, sku, placedAt, orderNo) index, no join;
 * - SKU with other filters: that index merge-joined on (placedAt, orderNo) with the orders' index for the
 *   other filters, both walked newest first (no sort, no table access).
 */
export function pageQuery(scope: OrderScope, filters: OrderFilters, after: { placedAt: Date; orderNo: string } | null, limit: number): Prisma.Sql {
  const where = (parts: Prisma.Sql[]) => Prisma.join(parts, " AND ");
  if (filters.sku === undefined) {
    if ("merchantId" in scope && scope.storeIds && scope.storeIds.length > 1 && filters.storeId === undefined) {
      // a dealer's stores: newest first per store on (merchantId, storeId, placedAt, orderNo), then merged
      // (a sort of at most (limit + 1) × stores rows; one store is the plain query's equality)
      const { storeIds, ...merchant } = scope;
      const parts = [...orderConditions(merchant, filters), Prisma.sql`o."storeId" = s.id`, ...rangeConditions("o", filters, after)];
      return Prisma.sql`SELECT p."orderNo" FROM unnest(${storeIds}::text[]) AS s(id) CROSS JOIN LATERAL (
        SELECT o."placedAt", o."orderNo" FROM "Order" o WHERE ${where(parts)} ORDER BY o."placedAt" DESC, o."orderNo" DESC LIMIT ${limit + 1}) p
        ORDER BY p."placedAt" DESC, p."orderNo" DESC LIMIT ${limit + 1}`;
    }
    const parts = [...orderConditions(scope, filters), ...rangeConditions("o", filters, after)];
    return Prisma.sql`SELECT o."orderNo" FROM "Order" o WHERE ${where(parts)} ORDER BY o."placedAt" DESC, o."orderNo" DESC LIMIT ${limit + 1}`;
  }
  const lineScope = "appId" in scope ? Prisma.sql`l."appId" = ${scope.appId}` : Prisma.sql`l."merchantId" = ${scope.merchantId}`;
  const lineParts = [lineScope, Prisma.sql`l.sku = ${filters.sku}`, ...rangeConditions("l", filters, after)];
  // an order with two lines of the SKU is one row: DISTINCT over the index's own order
  if (!hasOrderFilters(scope, filters)) {
    return Prisma.sql`SELECT DISTINCT l."placedAt", l."orderNo" FROM "OrderLine" l
      WHERE ${where(lineParts)} ORDER BY l."placedAt" DESC, l."orderNo" DESC LIMIT ${limit + 1}`;
  }
  // joined on placedAt too (the line's copy of its order's), so both sides stream in the same order
  return Prisma.sql`SELECT DISTINCT l."placedAt", l."orderNo" FROM "OrderLine" l JOIN "Order" o ON o."placedAt" = l."placedAt" AND o."orderNo" = l."orderNo"
    WHERE ${where([...lineParts, ...orderConditions(scope, filters)])} ORDER BY l."placedAt" DESC, l."orderNo" DESC LIMIT ${limit + 1}`;
}

/**
 * `staleOk`: the console's list, which may trail the primary by the replica's lag (docs/adr/0034): its page query goes
 * to the read replica when one is healthy. The Open API and the buyer portal list on the primary: a business system or
 * a buyer must see the order it has just created.
 */
export async function listOrders(
  scope: OrderScope,
  filters: OrderFilters,
  page: { limit: number; cursor?: string | null; staleOk?: boolean },
): Promise<OrderPage> {
  const after = page.cursor ? decodeOrderCursor(page.cursor) : null;
  // straight to the pool and not prepared: each page is planned for its own values (a hot or a cold SKU,
  // a busy or a small store), which a cached generic plan would not be
  const query = pageQuery(scope, filters, after, page.limit);
  const pool = page.staleOk ? getReadPool() : getPool();
  const { rows } = await pool.query<{ orderNo: string }>(query.text, query.values);
  const data = await loadOrdersWithParts(rows.slice(0, page.limit).map((row) => row.orderNo));
  const last = data.at(-1);
  const hasMore = rows.length > page.limit;
  return { data: data.map(orderView), nextCursor: hasMore && last ? encodeOrderCursor(last.placedAt, last.orderNo) : null, hasMore };
}
