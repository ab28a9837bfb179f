import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { addDays, dayStart } from "@/server/domain/report-range";
import type { SettlementsQuery } from "@/server/domain/settlement-schema";
import { appStatementView } from "./statement-view";

/**
 * GET /api/v1/settlements: the app's statements whose period ends within from … to (Beijing days), newest
 * first, a page at a time. A statement of the APP scope is the app's own; under the MERCHANT or STORE
 * scope the app sees the statements it has lines in, only its own lines, and figures summed from those
 * lines (never another app's amounts). A statement's `netAmount` under APP scope is what is paid out.
 */
export async function listAppSettlements(app: { id: string; merchantId: string }, query: SettlementsQuery) {
  const where: Prisma.SettlementStatementWhereInput = {
    merchantId: app.merchantId,
    periodEnd: { gt: dayStart(query.from), lte: dayStart(addDays(query.to, 1)) },
    OR: [{ scope: "APP", groupKey: app.id }, { scope: { not: "APP" }, lines: { some: { appId: app.id } } }],
    ...(query.status ? { status: query.status } : {}),
  };
  const and: Prisma.SettlementStatementWhereInput[] = [where];
  if (query.cursor) {
    const after = await db.settlementStatement.findFirst({ where: { ...where, statementNo: query.cursor }, select: { periodEnd: true, statementNo: true } });
    if (after) and.push({ OR: [{ periodEnd: { lt: after.periodEnd } }, { periodEnd: after.periodEnd, statementNo: { lt: after.statementNo } }] });
    else and.push({ statementNo: { in: [] } });
  }
  const rows = await db.settlementStatement.findMany({
    where: { AND: and },
    orderBy: [{ periodEnd: "desc" }, { statementNo: "desc" }],
    take: query.limit + 1,
    include: { lines: { where: { appId: app.id }, orderBy: [{ day: "asc" }, { channelAccountId: "asc" }, { kind: "asc" }, { id: "asc" }] } },
  });
  const page = rows.slice(0, query.limit);
  return {
    appId: app.id,
    from: query.from,
    to: query.to,
    timeZone: "Asia/Shanghai",
    statements: page.map((s) => appStatementView(s, s.lines)),
    nextCursor: rows.length > query.limit ? page[page.length - 1].statementNo : null,
  };
}
