import { readDb } from "@/server/read-db";
import type { ReportRange } from "@/server/domain/report-range";
import { bucketLabelSql, rangeWhere, type ReportScope, scopeWhere } from "./report-scope";

/**
 * The dashboards' SQL. Money figures come from the hourly journal rollup (LedgerRollupHourly), attempt
 * outcomes from the attempts' hourly rollup (PaymentOutcomeHourly, kept by a trigger on Payment), failure
 * reasons from the failed attempts (a partial covering index). Every aggregate is computed by PostgreSQL;
 * JavaScript only fills empty buckets.
 */

export type SeriesRow = { bucket: string; kind: string; count: bigint; amount: bigint };

/** Entries and amounts per time bucket and kind (payments, refunds, duplicate refunds). */
export function seriesByBucket(scope: ReportScope, range: ReportRange) {
  return readDb.$queryRaw<SeriesRow[]>`
    SELECT ${bucketLabelSql("hour", range)} AS bucket, "kind", sum("entries")::bigint AS count, sum("amount")::bigint AS amount
    FROM "LedgerRollupHourly"
    WHERE ${scopeWhere(scope)} "currency" = ${scope.currency} AND ${rangeWhere("hour", range)}
    GROUP BY 1, 2 ORDER BY 1`;
}

export type ChannelKindRow = { channel: string; kind: string; count: bigint; amount: bigint; fee: bigint; subsidy: bigint };

/** Entries, amounts, fees and subsidies per channel and kind over the range. */
export function figuresByChannel(scope: ReportScope, range: ReportRange) {
  return readDb.$queryRaw<ChannelKindRow[]>`
    SELECT "channel", "kind", sum("entries")::bigint AS count, sum("amount")::bigint AS amount,
           sum("fee")::bigint AS fee, sum("subsidy")::bigint AS subsidy
    FROM "LedgerRollupHourly"
    WHERE ${scopeWhere(scope)} "currency" = ${scope.currency} AND ${rangeWhere("hour", range)}
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

export type AttemptRow = { channel: string; status: string; count: bigint };

/** Payment attempts created in the range, per channel and status (success rate), from the attempts' hourly rollup. */
export function attemptsByChannel(scope: ReportScope, range: ReportRange) {
  return readDb.$queryRaw<AttemptRow[]>`
    SELECT "channel", "status", sum("attempts")::bigint AS count
    FROM "PaymentOutcomeHourly"
    WHERE ${scopeWhere(scope)} "currency" = ${scope.currency} AND ${rangeWhere("hour", range)}
    GROUP BY 1, 2 HAVING sum("attempts") <> 0 ORDER BY 1, 2`;
}

export type FailureRow = { channel: string; code: string | null; message: string | null; count: bigint };

/** The most frequent reasons attempts failed in the range. */
export function topFailureReasons(scope: ReportScope, range: ReportRange, limit = 10) {
  return readDb.$queryRaw<FailureRow[]>`
    SELECT "channel", "failureCode" AS code, "failureMessage" AS message, count(*)::bigint AS count
    FROM "Payment"
    WHERE ${scopeWhere(scope)} "status" = 'FAILED' AND "currency" = ${scope.currency} AND ${rangeWhere("createdAt", range)}
    GROUP BY 1, 2, 3 ORDER BY count DESC, 1, 2, 3 LIMIT ${limit}`;
}
