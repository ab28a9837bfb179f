import { readDb } from "@/server/read-db";
import type { EntryKind } from "@/server/domain/ledger";
import type { ParsedLedgerFilters } from "@/server/domain/ledger-schema";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { decodeLedgerCursor, encodeLedgerCursor } from "./ledger-cursor";
import { ledgerWhere, utc } from "./ledger-where";

/** One row of the ledger (流水), the same shape for every channel and kind. Amounts signed, in minor units. */
export type LedgerRowView = {
  id: bigint;
  occurredAt: Date;
  kind: EntryKind;
  payOrderNo: string | null;
  mchOrderNo: string | null;
  channelTradeNo: string | null;
  refundNo: string | null;
  appId: string;
  channel: string;
  mode: string | null;
  storeId: string | null;
  amount: bigint;
  fee: bigint;
  net: bigint;
  currency: string;
  orderStatus: string | null;
  /** Trade center: the buyer whose wallet or points moved, and the order / trade that moved them. */
  buyerId: string | null;
  orderNo: string | null;
  tradeId: string | null;
};

export const LEDGER_ROW_COLUMNS = Prisma.sql`"id", "occurredAt", "kind", "payOrderNo", "mchOrderNo", "channelTradeNo", "refundNo", "appId",
  "channel", "mode", "storeId", "amount", "fee", "net", "currency", "orderStatus", "buyerId", "orderNo", "tradeId"`;

export type ListLedgerOptions = { merchantId: string; filters: ParsedLedgerFilters; cursor?: string | null; limit: number };

/**
 * A page of the merchant's ledger, newest first, by keyset: (occurredAt, id) below the cursor's, read
 * along the (merchantId, occurredAt DESC, id DESC) index — the same cost on page 1 and page 10,000.
 */
export async function listLedger({ merchantId, filters, cursor, limit }: ListLedgerOptions) {
  const after = cursor ? decodeLedgerCursor(cursor) : null;
  const keyset = after ? Prisma.sql`AND ("occurredAt", "id") < (${utc(after.occurredAt)}, ${after.id})` : Prisma.empty;
  const rows = await readDb.$queryRaw<LedgerRowView[]>`
    SELECT ${LEDGER_ROW_COLUMNS} FROM "JournalEntry"
    WHERE ${ledgerWhere(merchantId, filters)} ${keyset}
    ORDER BY "occurredAt" DESC, "id" DESC
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeLedgerCursor({ occurredAt: last.occurredAt, id: last.id }) : null,
  };
}
