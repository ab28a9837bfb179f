import { db } from "@/server/db";
import type { EntryKind } from "@/server/domain/ledger";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { decodeLedgerCursor, encodeLedgerCursor } from "@/server/services/ledger/ledger-cursor";
import { utc } from "@/server/services/ledger/ledger-where";

export const MOVEMENTS_PAGE_SIZE = 20;

export type BuyerMovement = {
  id: bigint;
  occurredAt: Date;
  kind: EntryKind;
  asset: "wallet" | "points";
  /** Signed change of the buyer's balance (frozen included): fen (wallet) or points. A freeze or release moves none. */
  amount: bigint;
  /** Signed change of the frozen part: + a freeze, − a release or a confirmed (frozen) payment. */
  frozen: bigint;
  orderNo: string | null;
  tradeId: string | null;
  payOrderNo: string | null;
  refundNo: string | null;
  memo: string | null;
};

type Row = Omit<BuyerMovement, "asset"> & { channel: string };

/**
 * The buyer's wallet and points movements (journal entries naming the buyer), newest first, keyset-paged
 * along the (merchantId, buyerId, occurredAt DESC, id DESC) index. The amounts are the buyer's, read from
 * the entry's postings on the buyer accounts (credit-normal: a balance is minus its postings).
 */
export async function listBuyerMovements(merchantId: string, buyerId: string, options: { cursor?: string | null; limit?: number }) {
  const limit = options.limit ?? MOVEMENTS_PAGE_SIZE;
  const after = options.cursor ? decodeLedgerCursor(options.cursor) : null;
  const keyset = after ? Prisma.sql`AND (e."occurredAt", e."id") < (${utc(after.occurredAt)}, ${after.id})` : Prisma.empty;
  const rows = await db.$queryRaw<Row[]>`
    SELECT e."id", e."occurredAt", e."kind", e."channel", e."orderNo", e."tradeId", e."payOrderNo", e."refundNo", e."memo",
           COALESCE((SELECT -sum(p."amount") FROM "Posting" p JOIN "LedgerAccount" a ON a."id" = p."accountId"
              WHERE p."entryId" = e."id" AND a."type" IN ('BUYER_WALLET', 'BUYER_WALLET_FROZEN', 'BUYER_POINTS', 'BUYER_POINTS_FROZEN')), 0)::bigint AS amount,
           COALESCE((SELECT -sum(p."amount") FROM "Posting" p JOIN "LedgerAccount" a ON a."id" = p."accountId"
              WHERE p."entryId" = e."id" AND a."type" IN ('BUYER_WALLET_FROZEN', 'BUYER_POINTS_FROZEN')), 0)::bigint AS frozen
    FROM "JournalEntry" e
    WHERE e."merchantId" = ${merchantId} AND e."buyerId" = ${buyerId} ${keyset}
    ORDER BY e."occurredAt" DESC, e."id" DESC
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ channel, ...row }): BuyerMovement => ({ ...row, asset: channel === "points" ? "points" : "wallet" })),
    nextCursor: rows.length > limit && last ? encodeLedgerCursor({ occurredAt: last.occurredAt, id: last.id }) : null,
  };
}
