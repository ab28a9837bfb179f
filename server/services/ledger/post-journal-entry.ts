import type { Tx } from "@/server/db";
import { isBalanced, type LedgerAccountType, type Posting } from "@/server/domain/ledger";

async function ledgerAccountId(tx: Tx, merchantId: string, type: LedgerAccountType, channelAccountId: string | null, currency: string) {
  // MERCHANT_PAYABLE is merchant-wide; clearing and fees are per channel account.
  const scope = type === "MERCHANT_PAYABLE" ? null : channelAccountId;
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
 * Posts one balanced journal entry in the caller's transaction. `dedupeKey` names the money
 * movement (e.g. "payment:P…-1"): the same movement is never posted twice (returns false).
 */
export async function postJournalEntry(
  tx: Tx,
  entry: {
    merchantId: string;
    appId: string;
    kind: string;
    dedupeKey: string;
    currency: string;
    channelAccountId: string;
    payOrderNo?: string;
    attemptNo?: string;
    refundNo?: string;
    memo?: string;
    occurredAt: Date;
    postings: Posting[];
  },
): Promise<boolean> {
  if (!isBalanced(entry.postings)) throw new Error(`unbalanced journal entry ${entry.dedupeKey}`);
  const existing = await tx.journalEntry.findUnique({ where: { dedupeKey: entry.dedupeKey }, select: { id: true } });
  if (existing) return false;
  const accountIds = await Promise.all(
    entry.postings.map((p) => ledgerAccountId(tx, entry.merchantId, p.account, entry.channelAccountId, entry.currency)),
  );
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
      memo: entry.memo,
      occurredAt: entry.occurredAt,
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
  return true;
}
