import { type ReportRange, granularityOf, rangeBounds } from "@/server/domain/report-range";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { utc } from "@/server/services/ledger/ledger-where";

/** Whose figures: one merchant (optionally one app), or — for operators — every merchant (merchantId null). */
export type ReportScope = { merchantId: string | null; appId?: string; currency: string };

/** Scope conditions on a table with "merchantId" and "appId" columns. */
export function scopeWhere(scope: ReportScope): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (scope.merchantId) parts.push(Prisma.sql`"merchantId" = ${scope.merchantId}`);
  if (scope.appId) parts.push(Prisma.sql`"appId" = ${scope.appId}`);
  return parts.length ? Prisma.sql`${Prisma.join(parts, " AND ")} AND` : Prisma.empty;
}

/** `column` within the range's [start, end). */
export function rangeWhere(column: string, range: ReportRange): Prisma.Sql {
  const { start, end } = rangeBounds(range);
  return Prisma.sql`${Prisma.raw(`"${column}"`)} >= ${utc(start)} AND ${Prisma.raw(`"${column}"`)} < ${utc(end)}`;
}

/** The local (UTC+8) bucket label of a UTC timestamp column, as `bucketLabels` lists them. */
export function bucketLabelSql(column: string, range: ReportRange): Prisma.Sql {
  const local = `"${column}" + interval '8 hours'`;
  return granularityOf(range) === "hour"
    ? Prisma.raw(`to_char(date_trunc('hour', ${local}), 'YYYY-MM-DD HH24:00')`)
    : Prisma.raw(`to_char(date_trunc('day', ${local}), 'YYYY-MM-DD')`);
}
