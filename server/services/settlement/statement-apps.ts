import type { Tx } from "@/server/db";

/** The apps with lines in a statement: each hears of it (settlement.* events). */
export async function statementAppIds(tx: Tx, statementNo: string): Promise<string[]> {
  const rows = await tx.settlementLine.findMany({ where: { statementNo }, distinct: ["appId"], select: { appId: true }, orderBy: { appId: "asc" } });
  return rows.map((r) => r.appId);
}
