import { readDb } from "@/server/read-db";
import type { ParsedLedgerFilters } from "@/server/domain/ledger-schema";
import { dayStart } from "@/server/domain/report-range";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { ledgerWhere, rollupCanAnswer, utc } from "./ledger-where";

export type LedgerTotals = { currency: string; count: number; amount: bigint; fee: bigint; net: bigint }[];

type Row = { currency: string; count: bigint; amount: bigint | null; fee: bigint | null; net: bigint | null };

/**
 * Totals of the filtered ledger, per currency. Filters on the rollup's dimensions (days, app,
 * channel, kind) read the hourly rollup; the others (status, amount, store, search) sum the entries.
 */
export async function ledgerTotals(merchantId: string, filters: ParsedLedgerFilters): Promise<LedgerTotals> {
  const rows = rollupCanAnswer(filters)
    ? await readDb.$queryRaw<Row[]>`
        SELECT "currency", sum("entries")::bigint AS count, sum("amount")::bigint AS amount, sum("fee")::bigint AS fee, sum("net")::bigint AS net
        FROM "LedgerRollupHourly" WHERE ${rollupWhere(merchantId, filters)} GROUP BY "currency" ORDER BY "currency"`
    : await readDb.$queryRaw<Row[]>`
        SELECT "currency", count(*)::bigint AS count, sum("amount")::bigint AS amount, sum("fee")::bigint AS fee, sum("net")::bigint AS net
        FROM "JournalEntry" WHERE ${ledgerWhere(merchantId, filters)} GROUP BY "currency" ORDER BY "currency"`;
  return rows.map((r) => ({ currency: r.currency.trim(), count: Number(r.count), amount: r.amount ?? 0n, fee: r.fee ?? 0n, net: r.net ?? 0n }));
}

function rollupWhere(merchantId: string, f: ParsedLedgerFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`"merchantId" = ${merchantId}`];
  if (f.from) parts.push(Prisma.sql`"hour" >= ${utc(dayStart(f.from))}`);
  if (f.to) parts.push(Prisma.sql`"hour" < ${utc(new Date(dayStart(f.to).getTime() + 86_400_000))}`);
  if (f.appId) parts.push(Prisma.sql`"appId" = ${f.appId}`);
  if (f.channel) parts.push(Prisma.sql`"channel" = ${f.channel}`);
  if (f.kind) parts.push(Prisma.sql`"kind" = ${f.kind}`);
  return Prisma.join(parts, " AND ");
}
