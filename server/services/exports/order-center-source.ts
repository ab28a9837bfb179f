import { readDb } from "@/server/read-db";
import type { OrderCenterExportFilters } from "@/server/domain/export-schema";
import { dayStart } from "@/server/domain/report-range";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import type { ExportSourceDefinition } from "./export-sources";

export type OrderCenterExportRow = {
  orderNo: string;
  sourceOrderNo: string;
  appName: string;
  type: string;
  scene: string;
  storeId: string | null;
  buyerId: string;
  buyerName: string | null;
  status: string;
  lines: string;
  currency: string;
  discountAmount: bigint;
  shippingAmount: bigint;
  payableAmount: bigint;
  paidAmount: bigint;
  refundedAmount: bigint;
  placedAt: Date;
  paidAt: Date | null;
  overdueAt: Date | null;
};

const DAY_MS = 86_400_000;

/** The rows an order-center export chooses: the merchant's, a dealer's stores only, by the list's filters. */
export function orderCenterWhere(merchantId: string, f: OrderCenterExportFilters): Prisma.OrderWhereInput {
  const where: Prisma.OrderWhereInput = { merchantId };
  const and: Prisma.OrderWhereInput[] = [];
  if (f.dealerStoreIds) and.push({ storeId: { in: f.dealerStoreIds } });
  if (f.buyerId) where.buyerId = f.buyerId;
  if (f.storeId) where.storeId = f.storeId;
  if (f.scene) where.scene = f.scene;
  if (f.type) where.type = f.type;
  if (f.status) where.status = f.status;
  if (f.sku) where.lines = { some: { sku: f.sku } };
  if (f.from || f.to) {
    where.placedAt = {
      ...(f.from ? { gte: dayStart(f.from) } : {}),
      ...(f.to ? { lt: new Date(dayStart(f.to).getTime() + DAY_MS) } : {}),
    };
  }
  if (and.length) where.AND = and;
  return where;
}

const SELECT = {
  orderNo: true,
  sourceOrderNo: true,
  type: true,
  scene: true,
  storeId: true,
  buyerId: true,
  buyerName: true,
  status: true,
  currency: true,
  discountAmount: true,
  shippingAmount: true,
  payableAmount: true,
  paidAmount: true,
  refundedAmount: true,
  placedAt: true,
  paidAt: true,
  overdueAt: true,
  app: { select: { name: true } },
  lines: { select: { sku: true, quantity: true }, orderBy: { lineNo: "asc" } },
} satisfies Prisma.OrderSelect;

export const orderCenterSource: ExportSourceDefinition<OrderCenterExportRow, OrderCenterExportFilters> = {
  columns: [
    { key: "placedAt", type: "time", value: (r) => r.placedAt },
    { key: "orderNo", type: "text", value: (r) => r.orderNo },
    { key: "sourceOrderNo", type: "text", value: (r) => r.sourceOrderNo },
    { key: "appName", type: "text", value: (r) => r.appName },
    { key: "orderType", type: "text", value: (r) => r.type },
    { key: "scene", type: "text", value: (r) => r.scene },
    { key: "storeId", type: "text", value: (r) => r.storeId },
    { key: "buyerId", type: "text", value: (r) => r.buyerId },
    { key: "buyerName", type: "text", value: (r) => r.buyerName },
    { key: "status", type: "text", value: (r) => r.status },
    { key: "lines", type: "text", value: (r) => r.lines },
    { key: "currency", type: "text", value: (r) => r.currency },
    { key: "discountAmount", type: "money", value: (r) => r.discountAmount },
    { key: "shippingAmount", type: "money", value: (r) => r.shippingAmount },
    { key: "payableAmount", type: "money", value: (r) => r.payableAmount },
    { key: "paidAmount", type: "money", value: (r) => r.paidAmount },
    { key: "refundedAmount", type: "money", value: (r) => r.refundedAmount },
    { key: "paidAt", type: "time", value: (r) => r.paidAt },
    { key: "overdueAt", type: "time", value: (r) => r.overdueAt },
  ],
  currency: (r) => r.currency,
  count: (merchantId, filters) => readDb.order.count({ where: orderCenterWhere(merchantId, filters) }),
  async *batches(merchantId, filters, size) {
    let after: { placedAt: Date; orderNo: string } | null = null;
    for (;;) {
      const where = orderCenterWhere(merchantId, filters);
      if (after) {
        const keyset: Prisma.OrderWhereInput = { OR: [{ placedAt: { lt: after.placedAt } }, { placedAt: after.placedAt, orderNo: { lt: after.orderNo } }] };
        where.AND = [...((where.AND as Prisma.OrderWhereInput[] | undefined) ?? []), keyset];
      }
      const rows = await readDb.order.findMany({ where, select: SELECT, orderBy: [{ placedAt: "desc" }, { orderNo: "desc" }], take: size });
      if (rows.length) {
        yield rows.map(({ app, lines, ...row }) => ({ ...row, appName: app.name, lines: lines.map((l) => `${l.sku}×${l.quantity}`).join("; ") }));
      }
      if (rows.length < size) return;
      const last = rows[rows.length - 1]!;
      after = { placedAt: last.placedAt, orderNo: last.orderNo };
    }
  },
};
