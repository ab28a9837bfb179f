import type { Tx } from "@/server/db";
import type { SettlementEventType } from "@/server/services/events/record-event";
import { recordEvent } from "@/server/services/events/record-event";
import { appStatementView } from "./statement-view";

/** The apps with lines in a statement: each hears of it (settlement.* events). */
export async function statementAppIds(tx: Tx, statementNo: string): Promise<string[]> {
  const rows = await tx.settlementLine.findMany({ where: { statementNo }, distinct: ["appId"], select: { appId: true }, orderBy: { appId: "asc" } });
  return rows.map((r) => r.appId);
}

/** Records a settlement event for every app with lines in the statement, each with its own view of it (appStatementView). */
export async function recordStatementEvents(tx: Tx, merchantId: string, statementNo: string, type: SettlementEventType): Promise<void> {
  const statement = await tx.settlementStatement.findUniqueOrThrow({ where: { statementNo } });
  const lines = await tx.settlementLine.findMany({ where: { statementNo }, orderBy: [{ day: "asc" }, { channelAccountId: "asc" }, { kind: "asc" }, { id: "asc" }] });
  for (const appId of await statementAppIds(tx, statementNo)) {
    await recordEvent(tx, { merchantId, appId, type, data: appStatementView(statement, lines.filter((l) => l.appId === appId)) });
  }
}
