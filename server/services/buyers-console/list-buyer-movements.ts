import { db } from "@/server/db";
import type { EntryKind } from "@/server/domain/ledger";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { decodeLedgerCursor, encodeLedgerCursor } from "@/server/services/ledger/ledger-cursor";
import { utc } from "@/server/services/ledger/ledger-where";

export const MOVEMENTS_PAGE_SIZE = 20;

/** Kinds that add to what the buyer can spend; the others (freeze, pay) take from it. */
const CREDITS: ReadonlySet<string> = new Set(["wallet_top_up", "wallet_release", "wallet_refund", "points_grant", "points_release", "points_refund"]);

export type BuyerMovement = {
  id: bigint;
  occurredAt: Date;
  kind: EntryKind;
  asset: "wallet" | "points";
  /** Signed change of what the buyer can spend: fen (wallet) or points. */
  amount: bigint;
  orderNo: string | null;
  tradeId: string | null;
  payOrderNo: string | null;
  refundNo: string | null;
  memo: string | null;
};

type Row = Omit<BuyerMovement, "amount" | "asset"> & { channel: string; size: bigint | null };

/**
 * The buyer's wallet and points movements (journal entries naming the buyer), newest first, keyset-paged
 * along the (merchantId, buyerId, occurredAt DESC, id DESC) index. The amount is the buyer's view, read
 * from the entry's postings (a freeze moves nothing of the merchant's, but the buyer can spend less).
 */
export async function listBuyerMovements(merchantId: string, buyerId: string, options: { cursor?: string | null; limit?: number }) {
  const limit = options.limit ?? MOVEMENTS_PAGE_SIZE;
  const after = options.cursor ? decodeLedgerCursor(options.cursor) : null;
  const keyset = after ? Prisma.sql`AND (e."occurredAt", e."id") < (${utc(after.occurredAt)}, ${after.id})` : Prisma.empty;
  const rows = await db.$queryRaw<Row[]>`
    SELECT e."id", e."occurredAt", e."kind", e."channel", e."orderNo", e."tradeId", e."payOrderNo", e."refundNo", e."memo",
           (SELECT max(abs(p."amount")) FROM "Posting" p WHERE p."entryId" = e."id")::bigint AS size
    FROM "JournalEntry" e
    WHERE e."merchantId" = ${merchantId} AND e."buyerId" = ${buyerId} ${keyset}
    ORDER BY e."occurredAt" DESC, e."id" DESC
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ channel, size, ...row }): BuyerMovement => ({
      ...row,
      asset: channel === "points" ? "points" : "wallet",
      amount: CREDITS.has(row.kind) ? (size ?? 0n) : -(size ?? 0n),
    })),
    nextCursor: rows.length > limit && last ? encodeLedgerCursor({ occurredAt: last.occurredAt, id: last.id }) : null,
  };
}
