import { decimalToMinor } from "@/server/domain/money";
import type { ParsedLedgerFilters } from "@/server/domain/ledger-schema";
import { dayStart } from "@/server/domain/report-range";
import { Prisma } from "@/server/generated/prisma/client.ts";

const DAY_MS = 86_400_000;

/** A timestamp parameter compared with a TIMESTAMP(3) column holding UTC (as Prisma stores DateTime). */
export function utc(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/**
 * The WHERE clause of the ledger's filters on "JournalEntry" (alias-free), always scoped by the
 * merchant. Shared by the page, the totals and the export, so all three choose the same rows.
 */
export function ledgerWhere(merchantId: string, f: ParsedLedgerFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`"merchantId" = ${merchantId}`];
  if (f.from) parts.push(Prisma.sql`"occurredAt" >= ${utc(dayStart(f.from))}`);
  if (f.to) parts.push(Prisma.sql`"occurredAt" < ${utc(new Date(dayStart(f.to).getTime() + DAY_MS))}`);
  if (f.appId) parts.push(Prisma.sql`"appId" = ${f.appId}`);
  if (f.channel) parts.push(Prisma.sql`"channel" = ${f.channel}`);
  if (f.kind) parts.push(Prisma.sql`"kind" = ${f.kind}`);
  if (f.orderStatus) parts.push(Prisma.sql`"orderStatus" = ${f.orderStatus}`);
  if (f.minAmount) parts.push(Prisma.sql`abs("amount") >= ${decimalToMinor(f.minAmount)}`);
  if (f.maxAmount) parts.push(Prisma.sql`abs("amount") <= ${decimalToMinor(f.maxAmount)}`);
  if (f.storeId) parts.push(Prisma.sql`"storeId" = ${f.storeId}`);
  if (f.search) {
    parts.push(
      Prisma.sql`("payOrderNo" = ${f.search} OR "refundNo" = ${f.search} OR "tradeId" = ${f.search} OR ("merchantId" = ${merchantId} AND ("mchOrderNo" = ${f.search} OR "channelTradeNo" = ${f.search} OR "buyerId" = ${f.search})))`,
    );
  }
  return Prisma.join(parts, " AND ");
}

/** True when the totals of these filters can be read from the hourly rollup (its dimensions only). */
export function rollupCanAnswer(f: ParsedLedgerFilters): boolean {
  return !f.orderStatus && !f.minAmount && !f.maxAmount && !f.storeId && !f.search;
}
