import type { Tx } from "@/server/db";

/**
 * A channel account's reconciliation of a day closed (or opened again): the statement lines of that
 * account and day say so, and their statements' unreconciled amount follows. Called by
 * refreshDayClosure in the transaction that changed the day, so a statement cut from the journal
 * before its day was reconciled stops being flagged the moment finance closes the day.
 */
export async function syncLineReconciliation(tx: Tx, channelAccountId: string, billDate: string, closed: boolean): Promise<void> {
  const touched = await tx.$queryRaw<{ statementNo: string }[]>`
    UPDATE "SettlementLine" SET "reconciled" = ${closed}
    WHERE "channelAccountId" = ${channelAccountId} AND "day" = ${billDate}::date AND "reconciled" <> ${closed}
    RETURNING "statementNo"`;
  const statementNos = [...new Set(touched.map((t) => t.statementNo))];
  if (statementNos.length === 0) return;
  await tx.$executeRaw`
    UPDATE "SettlementStatement" s SET "updatedAt" = now(), "unreconciledAmount" = COALESCE(
      (SELECT sum(l."net") FROM "SettlementLine" l WHERE l."statementNo" = s."statementNo" AND NOT l."reconciled"), 0)
    WHERE s."statementNo" = ANY(${statementNos})`;
}
