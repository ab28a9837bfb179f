import { db } from "@/server/db";
import { AppError } from "@/server/errors";

/**
 * The journal entries summed in one line of a statement, by id, a page at a time: the proof that a
 * line is the journal's (each row links to the ledger).
 */
export async function listLineEntries(merchantId: string, statementNo: string, lineId: bigint, cursor: bigint | null, limit: number) {
  const line = await db.settlementLine.findFirst({ where: { id: lineId, statementNo, statement: { merchantId } }, select: { id: true } });
  if (!line) throw new AppError("SETTLEMENT_NOT_FOUND", "no such statement line");
  const rows = await db.journalEntry.findMany({
    where: { settlementLineId: lineId, merchantId, ...(cursor !== null ? { id: { gt: cursor } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: {
      id: true,
      kind: true,
      occurredAt: true,
      payOrderNo: true,
      refundNo: true,
      orderNo: true,
      mchOrderNo: true,
      channelTradeNo: true,
      storeId: true,
      currency: true,
      amount: true,
      fee: true,
      net: true,
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map(({ id, ...e }) => ({ entryId: id.toString(), ...e })),
    nextCursor: rows.length > limit ? page[page.length - 1].id.toString() : null,
  };
}
export type LineEntriesPage = Awaited<ReturnType<typeof listLineEntries>>;
