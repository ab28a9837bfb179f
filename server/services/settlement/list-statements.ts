import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { addDays, dayStart } from "@/server/domain/report-range";
import type { SettlementStatus } from "@/server/domain/settlement";
import { statementView, type StatementView } from "./statement-view";

export type StatementListQuery = { status?: SettlementStatus; from?: string; to?: string; cursor?: string; limit: number };

/**
 * A merchant's statements, newest period first, keyset-paged on (periodEnd, statementNo): `cursor` is the
 * last statementNo of the previous page. from/to select statements whose period ends within those Beijing days.
 */
export async function listStatements(merchantId: string, query: StatementListQuery): Promise<{ items: StatementView[]; nextCursor: string | null }> {
  const where: Prisma.SettlementStatementWhereInput = { merchantId };
  if (query.status) where.status = query.status;
  if (query.from || query.to) {
    where.periodEnd = {
      ...(query.from ? { gt: dayStart(query.from) } : {}),
      ...(query.to ? { lte: dayStart(addDays(query.to, 1)) } : {}),
    };
  }
  const and: Prisma.SettlementStatementWhereInput[] = [where];
  if (query.cursor) {
    const after = await db.settlementStatement.findFirst({ where: { merchantId, statementNo: query.cursor }, select: { periodEnd: true, statementNo: true } });
    if (after) {
      and.push({ OR: [{ periodEnd: { lt: after.periodEnd } }, { periodEnd: after.periodEnd, statementNo: { lt: after.statementNo } }] });
    }
  }
  const rows = await db.settlementStatement.findMany({
    where: { AND: and },
    orderBy: [{ periodEnd: "desc" }, { statementNo: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(statementView), nextCursor: rows.length > query.limit ? page[page.length - 1].statementNo : null };
}
