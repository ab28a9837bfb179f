import { isPointsCurrency } from "@/server/domain/asset-format";
import { decimalToMinor } from "@/server/domain/money";
import { readDb } from "@/server/read-db";
import type { OrderExportFilters, RefundExportFilters } from "@/server/domain/export-schema";
import type { ParsedLedgerFilters } from "@/server/domain/ledger-schema";
import { dayStart } from "@/server/domain/report-range";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { LEDGER_ROW_COLUMNS, type LedgerRowView } from "@/server/services/ledger/list-ledger";
import { ledgerWhere, utc } from "@/server/services/ledger/ledger-where";

export type CellValue = string | Date | bigint | number | null;

/** A column of an export: its header's message key (exports.columns.*) and how a row fills it. Money becomes two columns, yuan and fen. */
export type ColumnSpec<Row> = { key: string; type: "text" | "time" | "money" | "integer"; value: (row: Row) => CellValue };

export type ExportSourceDefinition<Row, Filters> = {
  columns: ColumnSpec<Row>[];
  currency: (row: Row) => string;
  count: (merchantId: string, filters: Filters) => Promise<number>;
  /** The rows in batches, newest first, by keyset (never OFFSET, never all at once). */
  batches: (merchantId: string, filters: Filters, size: number) => AsyncGenerator<Row[]>;
};

const DAY_MS = 86_400_000;

function dateRange(column: Prisma.Sql, f: { from?: string; to?: string }): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (f.from) parts.push(Prisma.sql`${column} >= ${utc(dayStart(f.from))}`);
  if (f.to) parts.push(Prisma.sql`${column} < ${utc(new Date(dayStart(f.to).getTime() + DAY_MS))}`);
  return parts;
}

async function countOf(from: Prisma.Sql, where: Prisma.Sql): Promise<number> {
  const [row] = await readDb.$queryRaw<{ count: bigint }[]>`SELECT count(*)::bigint AS count FROM ${from} WHERE ${where}`;
  return Number(row.count);
}

// ─── ledger ───

export const ledgerSource: ExportSourceDefinition<LedgerRowView, ParsedLedgerFilters> = {
  columns: [
    { key: "occurredAt", type: "time", value: (r) => r.occurredAt },
    { key: "kind", type: "text", value: (r) => r.kind },
    { key: "payOrderNo", type: "text", value: (r) => r.payOrderNo },
    { key: "mchOrderNo", type: "text", value: (r) => r.mchOrderNo },
    { key: "channelTradeNo", type: "text", value: (r) => r.channelTradeNo },
    { key: "refundNo", type: "text", value: (r) => r.refundNo },
    { key: "appId", type: "text", value: (r) => r.appId },
    { key: "channel", type: "text", value: (r) => r.channel },
    { key: "mode", type: "text", value: (r) => r.mode },
    { key: "storeId", type: "text", value: (r) => r.storeId },
    { key: "status", type: "text", value: (r) => r.orderStatus },
    { key: "buyerId", type: "text", value: (r) => r.buyerId },
    { key: "orderNo", type: "text", value: (r) => r.orderNo },
    { key: "tradeId", type: "text", value: (r) => r.tradeId },
    { key: "currency", type: "text", value: (r) => r.currency },
    // money columns stay money: a points row (PTS) leaves them empty and carries its points in their own column
    { key: "amount", type: "money", value: (r) => r.amount },
    { key: "fee", type: "money", value: (r) => r.fee },
    { key: "net", type: "money", value: (r) => r.net },
    { key: "points", type: "integer", value: (r) => (isPointsCurrency(r.currency) ? r.amount : null) },
  ],
  currency: (r) => r.currency,
  count: (merchantId, filters) => countOf(Prisma.sql`"JournalEntry"`, ledgerWhere(merchantId, filters)),
  async *batches(merchantId, filters, size) {
    let after: { occurredAt: Date; id: bigint } | null = null;
    for (;;) {
      const keyset: Prisma.Sql = after ? Prisma.sql`AND ("occurredAt", "id") < (${utc(after.occurredAt)}, ${after.id})` : Prisma.empty;
      const rows: LedgerRowView[] = await readDb.$queryRaw<LedgerRowView[]>`
        SELECT ${LEDGER_ROW_COLUMNS} FROM "JournalEntry" WHERE ${ledgerWhere(merchantId, filters)} ${keyset}
        ORDER BY "occurredAt" DESC, "id" DESC LIMIT ${size}`;
      if (rows.length) yield rows;
      if (rows.length < size) return;
      const last = rows[rows.length - 1];
      after = { occurredAt: last.occurredAt, id: last.id };
    }
  },
};

// ─── orders ───

export type OrderExportRow = {
  payOrderNo: string;
  mchOrderNo: string;
  appId: string;
  subject: string;
  status: string;
  channel: string | null;
  mode: string | null;
  channelTradeNo: string | null;
  storeId: string | null;
  currency: string;
  amount: bigint;
  paidAmount: bigint;
  refundedAmount: bigint;
  createdAt: Date;
  paidAt: Date | null;
};

function orderWhere(merchantId: string, f: OrderExportFilters): Prisma.Sql {
  const parts = [Prisma.sql`o."merchantId" = ${merchantId}`, ...dateRange(Prisma.sql`o."createdAt"`, f)];
  if (f.appId) parts.push(Prisma.sql`o."appId" = ${f.appId}`);
  if (f.status) parts.push(Prisma.sql`o."status" = ${f.status}::"PayOrderStatus"`);
  if (f.search) parts.push(Prisma.sql`(o."payOrderNo" = ${f.search} OR o."mchOrderNo" = ${f.search} OR o."channelTradeNo" = ${f.search})`);
  if (f.channel) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Payment" pc WHERE pc."payOrderNo" = o."payOrderNo" AND pc."channel" = ${f.channel})`);
  if (f.minAmount) parts.push(Prisma.sql`o."amount" >= ${decimalToMinor(f.minAmount)}`);
  if (f.maxAmount) parts.push(Prisma.sql`o."amount" <= ${decimalToMinor(f.maxAmount)}`);
  return Prisma.join(parts, " AND ");
}

export const ordersSource: ExportSourceDefinition<OrderExportRow, OrderExportFilters> = {
  columns: [
    { key: "createdAt", type: "time", value: (r) => r.createdAt },
    { key: "payOrderNo", type: "text", value: (r) => r.payOrderNo },
    { key: "mchOrderNo", type: "text", value: (r) => r.mchOrderNo },
    { key: "appId", type: "text", value: (r) => r.appId },
    { key: "subject", type: "text", value: (r) => r.subject },
    { key: "status", type: "text", value: (r) => r.status },
    { key: "channel", type: "text", value: (r) => r.channel },
    { key: "mode", type: "text", value: (r) => r.mode },
    { key: "channelTradeNo", type: "text", value: (r) => r.channelTradeNo },
    { key: "storeId", type: "text", value: (r) => r.storeId },
    { key: "currency", type: "text", value: (r) => r.currency },
    { key: "amount", type: "money", value: (r) => r.amount },
    { key: "paidAmount", type: "money", value: (r) => r.paidAmount },
    { key: "refundedAmount", type: "money", value: (r) => r.refundedAmount },
    { key: "paidAt", type: "time", value: (r) => r.paidAt },
  ],
  currency: (r) => r.currency,
  count: (merchantId, filters) => countOf(Prisma.sql`"PayOrder" o`, orderWhere(merchantId, filters)),
  async *batches(merchantId, filters, size) {
    let after: { createdAt: Date; payOrderNo: string } | null = null;
    for (;;) {
      const keyset: Prisma.Sql = after ? Prisma.sql`AND (o."createdAt", o."payOrderNo") < (${utc(after.createdAt)}, ${after.payOrderNo})` : Prisma.empty;
      const rows: OrderExportRow[] = await readDb.$queryRaw<OrderExportRow[]>`
        SELECT o."payOrderNo", o."mchOrderNo", o."appId", o."subject", o."status"::text AS status, p."channel", p."mode",
               o."channelTradeNo", left(COALESCE(o."metadata"->>'storeId', o."metadata"->>'store'), 64) AS "storeId",
               o."currency", o."amount", o."paidAmount", o."refundedAmount", o."createdAt", o."paidAt"
        FROM "PayOrder" o LEFT JOIN "Payment" p ON p."attemptNo" = o."paidAttemptNo"
        WHERE ${orderWhere(merchantId, filters)} ${keyset}
        ORDER BY o."createdAt" DESC, o."payOrderNo" DESC LIMIT ${size}`;
      if (rows.length) yield rows;
      if (rows.length < size) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.createdAt, payOrderNo: last.payOrderNo };
    }
  },
};

// ─── refunds ───

export type RefundExportRow = {
  refundNo: string;
  mchRefundNo: string;
  payOrderNo: string;
  appId: string;
  kind: string;
  status: string;
  channel: string;
  channelRefundNo: string | null;
  reason: string | null;
  currency: string;
  amount: bigint;
  feeRefundAmount: bigint | null;
  createdAt: Date;
  succeededAt: Date | null;
};

function refundWhere(merchantId: string, f: RefundExportFilters): Prisma.Sql {
  const parts = [Prisma.sql`r."merchantId" = ${merchantId}`, ...dateRange(Prisma.sql`r."createdAt"`, f)];
  if (f.appId) parts.push(Prisma.sql`r."appId" = ${f.appId}`);
  if (f.status) parts.push(Prisma.sql`r."status" = ${f.status}::"RefundStatus"`);
  if (f.kind) parts.push(Prisma.sql`r."kind" = ${f.kind}::"RefundKind"`);
  if (f.search) parts.push(Prisma.sql`(r."refundNo" = ${f.search} OR r."mchRefundNo" = ${f.search} OR r."payOrderNo" = ${f.search})`);
  return Prisma.join(parts, " AND ");
}

export const refundsSource: ExportSourceDefinition<RefundExportRow, RefundExportFilters> = {
  columns: [
    { key: "createdAt", type: "time", value: (r) => r.createdAt },
    { key: "refundNo", type: "text", value: (r) => r.refundNo },
    { key: "mchRefundNo", type: "text", value: (r) => r.mchRefundNo },
    { key: "payOrderNo", type: "text", value: (r) => r.payOrderNo },
    { key: "appId", type: "text", value: (r) => r.appId },
    { key: "refundKind", type: "text", value: (r) => r.kind },
    { key: "status", type: "text", value: (r) => r.status },
    { key: "channel", type: "text", value: (r) => r.channel },
    { key: "channelRefundNo", type: "text", value: (r) => r.channelRefundNo },
    { key: "reason", type: "text", value: (r) => r.reason },
    { key: "currency", type: "text", value: (r) => r.currency },
    { key: "amount", type: "money", value: (r) => r.amount },
    { key: "feeRefund", type: "money", value: (r) => r.feeRefundAmount ?? 0n },
    { key: "succeededAt", type: "time", value: (r) => r.succeededAt },
  ],
  currency: (r) => r.currency,
  count: (merchantId, filters) => countOf(Prisma.sql`"Refund" r`, refundWhere(merchantId, filters)),
  async *batches(merchantId, filters, size) {
    let after: { createdAt: Date; refundNo: string } | null = null;
    for (;;) {
      const keyset: Prisma.Sql = after ? Prisma.sql`AND (r."createdAt", r."refundNo") < (${utc(after.createdAt)}, ${after.refundNo})` : Prisma.empty;
      const rows: RefundExportRow[] = await readDb.$queryRaw<RefundExportRow[]>`
        SELECT r."refundNo", r."mchRefundNo", r."payOrderNo", r."appId", r."kind"::text AS kind, r."status"::text AS status, p."channel",
               r."channelRefundNo", r."reason", r."currency", r."amount", r."feeRefundAmount", r."createdAt", r."succeededAt"
        FROM "Refund" r JOIN "Payment" p ON p."attemptNo" = r."attemptNo"
        WHERE ${refundWhere(merchantId, filters)} ${keyset}
        ORDER BY r."createdAt" DESC, r."refundNo" DESC LIMIT ${size}`;
      if (rows.length) yield rows;
      if (rows.length < size) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.createdAt, refundNo: last.refundNo };
    }
  },
};
