import type { Tx } from "@/server/db";
import { type EntryKind, hourStart, isBalanced, type LedgerAccountType, PER_CHANNEL_ACCOUNT, type Posting, rollupSlot } from "@/server/domain/ledger";

async function ledgerAccountId(tx: Tx, merchantId: string, type: LedgerAccountType, channelAccountId: string | null, currency: string) {
  // Clearing and fees are per channel account; the merchant's payable and its buyers' wallets and points are merchant-wide.
  const scope = PER_CHANNEL_ACCOUNT.has(type) ? channelAccountId : null;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "LedgerAccount" (id, "merchantId", type, "channelAccountId", currency)
    VALUES (gen_random_uuid()::text, ${merchantId}, ${type}::"LedgerAccountType", ${scope}, ${currency})
    ON CONFLICT ("merchantId", type, "channelAccountId", currency) DO NOTHING
    RETURNING id`;
  if (rows[0]) return rows[0].id;
  const existing = await tx.ledgerAccount.findFirstOrThrow({
    where: { merchantId, type, channelAccountId: scope, currency },
    select: { id: true },
  });
  return existing.id;
}

/**
 * What the ledger (流水) row of the entry shows, in the merchant's view: `amount` and `fee` signed
 * (+ money in, − money out; a fee the channel returns is negative), `subsidy` likewise.
 */
export type LedgerRow = {
  channel: string;
  mode: string | null;
  amount: bigint;
  fee: bigint;
  subsidy: bigint;
  mchOrderNo: string | null;
  channelTradeNo: string | null;
  storeId: string | null;
  orderStatus: string | null;
};

export type JournalEntryInput = {
  merchantId: string;
  appId: string;
  kind: EntryKind;
  dedupeKey: string;
  currency: string;
  channelAccountId: string;
  payOrderNo?: string;
  attemptNo?: string;
  refundNo?: string;
  /** Trade center movements: the buyer whose wallet or points move, and the order / trade that moved them. */
  buyerId?: string;
  orderNo?: string;
  tradeId?: string;
  memo?: string;
  occurredAt: Date;
  postings: Posting[];
  row: LedgerRow;
};

/**
 * Posts one balanced journal entry in the caller's transaction, and adds it to the hourly rollup in
 * the same transaction (so the dashboards never disagree with the journal). `dedupeKey` names the
 * money movement (e.g. "payment:P…-1"): the same movement is never posted twice (returns false).
 */
export async function postJournalEntry(tx: Tx, entry: JournalEntryInput): Promise<boolean> {
  if (!isBalanced(entry.postings)) throw new Error(`unbalanced journal entry ${entry.dedupeKey}`);
  const existing = await tx.journalEntry.findUnique({ where: { dedupeKey: entry.dedupeKey }, select: { id: true } });
  if (existing) return false;
  const accountIds = await Promise.all(
    entry.postings.map((p) => ledgerAccountId(tx, entry.merchantId, p.account, entry.channelAccountId, entry.currency)),
  );
  const { row } = entry;
  const net = row.amount - row.fee;
  await tx.journalEntry.create({
    data: {
      merchantId: entry.merchantId,
      appId: entry.appId,
      kind: entry.kind,
      dedupeKey: entry.dedupeKey,
      currency: entry.currency,
      payOrderNo: entry.payOrderNo,
      attemptNo: entry.attemptNo,
      refundNo: entry.refundNo,
      buyerId: entry.buyerId,
      orderNo: entry.orderNo,
      tradeId: entry.tradeId,
      memo: entry.memo,
      occurredAt: entry.occurredAt,
      channelAccountId: entry.channelAccountId,
      ...row,
      net,
      postings: {
        create: entry.postings.map((p, i) => ({
          accountId: accountIds[i],
          merchantId: entry.merchantId,
          amount: p.amount,
          currency: entry.currency,
        })),
      },
    },
  });
  await tx.$executeRaw`
    INSERT INTO "LedgerRollupHourly" ("merchantId", "appId", "channelAccountId", "channel", "kind", "currency", "hour", "slot", "entries", "amount", "fee", "net", "subsidy")
    VALUES (${entry.merchantId}, ${entry.appId}, ${entry.channelAccountId}, ${row.channel}, ${entry.kind}, ${entry.currency},
            (${hourStart(entry.occurredAt).toISOString()}::timestamptz AT TIME ZONE 'UTC'), ${rollupSlot(entry.dedupeKey)}, 1, ${row.amount}, ${row.fee}, ${net}, ${row.subsidy})
    ON CONFLICT ("merchantId", "hour", "appId", "channelAccountId", "kind", "currency", "slot") DO UPDATE SET
      "entries" = "LedgerRollupHourly"."entries" + 1,
      "amount" = "LedgerRollupHourly"."amount" + EXCLUDED."amount",
      "fee" = "LedgerRollupHourly"."fee" + EXCLUDED."fee",
      "net" = "LedgerRollupHourly"."net" + EXCLUDED."net",
      "subsidy" = "LedgerRollupHourly"."subsidy" + EXCLUDED."subsidy"`;
  return true;
}

/** The order's status changed (a refund settled): its ledger rows show the new status. */
export async function updateLedgerOrderStatus(tx: Tx, payOrderNo: string, orderStatus: string): Promise<void> {
  await tx.journalEntry.updateMany({ where: { payOrderNo }, data: { orderStatus } });
}
