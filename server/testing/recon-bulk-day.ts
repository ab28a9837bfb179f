import type pg from "pg";
import type { BillRow } from "@/server/channels/types";
import { beijingDayRange } from "@/server/domain/reconciliation";

/**
 * A synthetic day for the matcher at scale (the 10^5 random-difference test and `npm run bench:recon`):
 * `payments` payment entries on the journal's side, written by one INSERT … SELECT generate_series,
 * every 10th one refunded by half, and the very same day as the channel would bill it — either
 * generated as BillRow objects (streamed through the job's staging code) or copied in SQL.
 * Row i: attempt `${prefix}-i-1`, amount 100 + (i·7919 mod 100000) fen, fee 0.60 % rounded half up,
 * at 01:00 + (i mod 79200) s Beijing time (away from midnight), refund `${prefix}R-i` of half of it.
 */

export type BulkDay = { merchantId: string; appId: string; channelAccountId: string; billDate: string; payments: number; prefix: string };

const fee60 = (amount: bigint) => (amount * 60n + 5_000n) / 10_000n;

export function dayRows(day: BulkDay, i: number): BillRow[] {
  const from = beijingDayRange(day.billDate).from.getTime();
  const amount = BigInt(100 + ((i * 7919) % 100_000));
  const occurredAt = new Date(from + 3_600_000 + (i % 79_200) * 1000);
  const attemptNo = `${day.prefix}-${i}-1`;
  const common = { currency: "CNY" as const, state: "SUCCEEDED" as const, channelTradeNo: `42${i}`, occurredAt };
  const rows: BillRow[] = [{ kind: "payment", outTradeNo: attemptNo, amount, fee: fee60(amount), channelState: "SUCCESS", ...common }];
  if (i % 10 === 0) {
    const refunded = amount / 2n;
    rows.push({ kind: "refund", outTradeNo: attemptNo, outRefundNo: `${day.prefix}R-${i}`, amount: -refunded, fee: -fee60(refunded), channelState: "REFUND", ...common });
  }
  return rows;
}

/** The day's bill, generated row by row: nothing of it is held in memory. */
export async function* generatedBill(day: BulkDay): AsyncIterable<BillRow> {
  for (let i = 1; i <= day.payments; i++) yield* dayRows(day, i);
}

/** The journal's side of the same day, in one statement. Returns the number of entries. */
export async function insertJournalDay(client: pg.ClientBase, day: BulkDay): Promise<number> {
  const from = beijingDayRange(day.billDate).from.toISOString().slice(0, 19).replace("T", " ");
  const result = await client.query(
    `WITH p AS (
       SELECT i, (100 + (i::bigint * 7919) % 100000) AS amount, $5::timestamp + interval '1 hour' + (i % 79200) * interval '1 second' AS at
       FROM generate_series(1, $6::int) AS i
     ), movements AS (
       SELECT i, 'payment' AS kind, 'payment:' || $4 || '-' || i || '-1' AS dedupe, NULL AS refund_no, amount, (amount * 60 + 5000) / 10000 AS fee, at FROM p
       UNION ALL
       SELECT i, 'refund', 'refund:' || $4 || 'R-' || i, $4 || 'R-' || i, -(amount / 2), -(((amount / 2) * 60 + 5000) / 10000), at FROM p WHERE i % 10 = 0
     )
     INSERT INTO "JournalEntry" ("merchantId", "appId", kind, "dedupeKey", "payOrderNo", "attemptNo", "refundNo", currency, "occurredAt",
       channel, "channelAccountId", mode, amount, fee, net)
     SELECT $1, $2, kind, dedupe, $4 || '-' || i, $4 || '-' || i || '-1', refund_no, 'CNY', at, 'wechatpay', $3, 'native', amount, fee, amount - fee
     FROM movements`,
    [day.merchantId, day.appId, day.channelAccountId, day.prefix, from, day.payments],
  );
  return result.rowCount ?? 0;
}
