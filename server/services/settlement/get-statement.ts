import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { lineView, statementView } from "./statement-view";

/** A statement with its lines (by day, app, channel account, kind) and its audit trail (cut, confirmed, paid out, voided). */
export async function getStatement(merchantId: string, statementNo: string) {
  const statement = await db.settlementStatement.findFirst({ where: { merchantId, statementNo } });
  if (!statement) throw new AppError("SETTLEMENT_NOT_FOUND", "no such statement");
  const [lines, audit] = await Promise.all([
    db.settlementLine.findMany({
      where: { statementNo },
      orderBy: [{ day: "asc" }, { appId: "asc" }, { channelAccountId: "asc" }, { kind: "asc" }, { id: "asc" }],
    }),
    db.auditLog.findMany({
      where: { merchantId, targetType: "settlement_statement", targetId: statementNo },
      orderBy: { id: "asc" },
      select: { id: true, action: true, actorType: true, actorId: true, after: true, createdAt: true },
    }),
  ]);
  const actorIds = [...new Set(audit.map((a) => a.actorId).filter((id): id is string => id !== null))];
  const users = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } }) : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name || u.email]));
  return {
    statement: statementView(statement),
    lines: lines.map(lineView),
    trail: audit.map((a) => ({
      id: a.id.toString(),
      action: a.action,
      actorType: a.actorType,
      actorName: a.actorId ? (nameOf.get(a.actorId) ?? null) : null,
      detail: a.after,
      at: a.createdAt,
    })),
  };
}
export type StatementDetail = Awaited<ReturnType<typeof getStatement>>;
