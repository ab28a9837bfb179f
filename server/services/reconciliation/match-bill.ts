import type pg from "pg";
import { beijingDayRange, MIDNIGHT_WINDOW_MS, shiftDate } from "@/server/domain/reconciliation";
import { STAGING_TABLE } from "./stage-bill";

/**
 * MATCHING (docs/adr/0016): the staged bill against the journal's side of the same channel account
 * and Beijing day in ONE full outer join by (kind, out_no) — payments by out_trade_no (our attemptNo),
 * refunds by out_refund_no (our refundNo) — into a temporary table of outcomes. The few one-sided rows
 * are then explained (our attempt is still open: STATUS_MISMATCH; the other half sits on the
 * neighbouring day: EXPECTED, or matched later) and upserted as differences, unique per account,
 * kind and out_no, so a rerun never duplicates one. Runs inside the caller's transaction on the
 * connection that staged the bill.
 */

export type MatchScope = {
  runId: string;
  merchantId: string;
  appId: string;
  channelAccountId: string;
  channel: string;
  billDate: string;
};

export type MatchFigures = {
  billRows: number;
  billPaymentCount: number;
  billPaymentAmount: bigint;
  billRefundCount: number;
  billRefundAmount: bigint;
  billFee: bigint;
  localPaymentCount: number;
  localPaymentAmount: bigint;
  localRefundCount: number;
  localRefundAmount: bigint;
  localFee: bigint;
  matched: number;
  missingLocal: number;
  missingChannel: number;
  amountMismatch: number;
  feeMismatch: number;
  statusMismatch: number;
  expected: number;
  /** Differences of other days this run settled (cross-midnight matches): their runs need a recount. */
  touchedRunIds: string[];
};

const OUTCOMES = "recon_outcome";

/** UTC wall-clock text, as `timestamp(3)` columns hold instants. */
const utc = (at: Date) => at.toISOString().slice(0, 23).replace("T", " ");

export async function matchStagedBill(client: pg.ClientBase, scope: MatchScope): Promise<MatchFigures> {
  const { from, to } = beijingDayRange(scope.billDate);
  const nearStart = utc(new Date(from.getTime() + MIDNIGHT_WINDOW_MS));
  const nearEnd = utc(new Date(to.getTime() - MIDNIGHT_WINDOW_MS));
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  await q("SET LOCAL work_mem = '256MB'");
  await q(`DROP TABLE IF EXISTS ${OUTCOMES}`);

  // The one join. The journal's side: payment and refund entries of the account that occurred that
  // Beijing day, unless the channel billed them on another day (reconBillDate), plus those it billed on this one.
  await q(
    `CREATE TEMP TABLE ${OUTCOMES} AS
     WITH local AS (
       SELECT CASE WHEN e.kind = 'payment' THEN 'payment' ELSE 'refund' END AS kind,
              CASE WHEN e.kind = 'payment' THEN e."attemptNo" ELSE e."refundNo" END AS out_no,
              e.id AS entry_id, e."attemptNo" AS attempt_no, e."payOrderNo" AS pay_order_no,
              e.amount, e.fee, e.currency, e."occurredAt" AS occurred_at
       FROM "JournalEntry" e
       WHERE e."merchantId" = $1 AND e."channelAccountId" = $2 AND e.kind IN ('payment', 'refund', 'duplicate_refund')
         AND ((e."occurredAt" >= $3::timestamp AND e."occurredAt" < $4::timestamp AND e."reconBillDate" IS NULL)
              OR e."reconBillDate" = $5::date)
     )
     SELECT COALESCE(b.kind, l.kind) AS kind, COALESCE(b.out_no, l.out_no) AS out_no,
            b.out_trade_no, b.channel_trade_no, b.amount AS channel_amount, b.fee AS channel_fee,
            b.currency AS channel_currency, b.state AS bill_state, b.channel_state, b.occurred_at AS channel_at,
            l.entry_id, l.attempt_no, l.pay_order_no, l.amount AS local_amount, l.fee AS local_fee,
            l.currency AS local_currency, CASE WHEN l.entry_id IS NOT NULL THEN 'SUCCEEDED' END AS local_state,
            l.occurred_at AS local_at, (l.entry_id IS NOT NULL) AS local_here,
            CASE
              WHEN l.entry_id IS NULL THEN CASE WHEN b.state = 'SUCCEEDED' THEN 'BILL_ONLY' ELSE 'MATCHED' END
              WHEN b.kind IS NULL THEN 'LOCAL_ONLY'
              WHEN b.state <> 'SUCCEEDED' THEN 'STATUS_MISMATCH'
              WHEN b.amount <> l.amount OR b.currency <> l.currency THEN 'AMOUNT_MISMATCH'
              WHEN b.fee <> l.fee THEN 'FEE_MISMATCH'
              ELSE 'MATCHED'
            END AS outcome,
            NULL::text AS settled_difference_id, NULL::date AS billed_on
     FROM ${STAGING_TABLE} b FULL OUTER JOIN local l ON l.kind = b.kind AND l.out_no = b.out_no`,
    [scope.merchantId, scope.channelAccountId, utc(from), utc(to), scope.billDate],
  );

  // Billed here, posted on another day (a movement across midnight): the journal's half, found by its natural key.
  await q(
    `UPDATE ${OUTCOMES} o SET outcome = 'ELSEWHERE', entry_id = e.id, attempt_no = e."attemptNo", pay_order_no = e."payOrderNo",
       local_amount = e.amount, local_fee = e.fee, local_currency = e.currency, local_state = 'SUCCEEDED', local_at = e."occurredAt"
     FROM "JournalEntry" e
     WHERE o.outcome = 'BILL_ONLY' AND e."dedupeKey" = o.kind || ':' || o.out_no AND e."channelAccountId" = $1`,
    [scope.channelAccountId],
  );
  // Billed, and ours, but not settled here: a lost callback (paid there, still open here) a query can settle.
  await q(
    `UPDATE ${OUTCOMES} o SET outcome = 'STATUS_MISMATCH', attempt_no = p."attemptNo", pay_order_no = p."payOrderNo", local_state = p.status::text,
       local_amount = p.amount, local_currency = p.currency
     FROM "Payment" p
     WHERE o.outcome = 'BILL_ONLY' AND o.kind = 'payment' AND p."attemptNo" = o.out_no AND p."channelAccountId" = $1`,
    [scope.channelAccountId],
  );
  await q(
    `UPDATE ${OUTCOMES} o SET outcome = 'STATUS_MISMATCH', attempt_no = r."attemptNo", pay_order_no = r."payOrderNo", local_state = r.status::text,
       local_amount = -r.amount, local_currency = r.currency
     FROM "Refund" r JOIN "Payment" p ON p."attemptNo" = r."attemptNo"
     WHERE o.outcome = 'BILL_ONLY' AND o.kind = 'refund' AND r."refundNo" = o.out_no AND p."channelAccountId" = $1`,
    [scope.channelAccountId],
  );
  await q(`UPDATE ${OUTCOMES} SET outcome = 'MISSING_LOCAL' WHERE outcome = 'BILL_ONLY'`);

  // The other half was waiting on a neighbouring day's run as a difference: matched across midnight.
  await q(
    `UPDATE ${OUTCOMES} o SET outcome = 'MATCHED_LATER', settled_difference_id = d.id,
       billed_on = CASE WHEN o.outcome = 'ELSEWHERE' THEN $2::date ELSE d."billDate" END
     FROM "ReconDifference" d
     WHERE o.outcome IN ('ELSEWHERE', 'LOCAL_ONLY') AND d."channelAccountId" = $1 AND d.kind = o.kind AND d."outNo" = o.out_no
       AND d.status IN ('EXPECTED', 'OPEN') AND d."billDate" <> $2::date
       AND ((o.outcome = 'ELSEWHERE' AND d.type = 'MISSING_CHANNEL' AND o.channel_amount = o.local_amount AND o.channel_fee = o.local_fee)
         OR (o.outcome = 'LOCAL_ONLY' AND d.type = 'MISSING_LOCAL' AND d."channelAmount" = o.local_amount AND d."channelFee" = o.local_fee))`,
    [scope.channelAccountId, scope.billDate],
  );
  // One-sided near midnight: waits for the neighbouring day's run, unless that has run already (it
  // would have matched it above); anywhere else in the day it is a difference now.
  const neighboursDone = await q(
    `SELECT "billDate"::text AS day FROM "ReconRun" WHERE "channelAccountId" = $1 AND "billDate" IN ($2::date, $3::date) AND status = 'SUCCEEDED'`,
    [scope.channelAccountId, shiftDate(scope.billDate, -1), shiftDate(scope.billDate, 1)],
  );
  const done = new Set(neighboursDone.rows.map((row) => row.day as string));
  await q(
    `UPDATE ${OUTCOMES} SET outcome = CASE
       WHEN COALESCE(channel_at, local_at) < $1::timestamp AND NOT $3::boolean THEN 'EXPECTED'
       WHEN COALESCE(channel_at, local_at) >= $2::timestamp AND NOT $4::boolean THEN 'EXPECTED'
       WHEN outcome = 'LOCAL_ONLY' THEN 'MISSING_CHANNEL' ELSE 'MISSING_LOCAL' END
     WHERE outcome IN ('ELSEWHERE', 'LOCAL_ONLY')`,
    [nearStart, nearEnd, done.has(shiftDate(scope.billDate, -1)), done.has(shiftDate(scope.billDate, 1))],
  );

  const touched = await q(
    `WITH settled AS (
       UPDATE "ReconDifference" d SET status = 'RESOLVED', resolution = 'MATCHED_LATER', "resolvedAt" = now(), "updatedAt" = now()
       FROM ${OUTCOMES} o WHERE o.outcome = 'MATCHED_LATER' AND d.id = o.settled_difference_id
       RETURNING d."runId"
     ), rebilled AS (
       UPDATE "JournalEntry" e SET "reconBillDate" = o.billed_on
       FROM ${OUTCOMES} o WHERE o.outcome = 'MATCHED_LATER' AND e.id = o.entry_id
         AND o.billed_on IS DISTINCT FROM (e."occurredAt" + interval '8 hours')::date
       RETURNING e.id
     )
     SELECT DISTINCT "runId" FROM settled`,
  );

  // unsettled differences another day's run found for the same movements: this run takes them over
  const takenOver = await q(
    `SELECT DISTINCT d."runId" FROM "ReconDifference" d JOIN ${OUTCOMES} o ON d.kind = o.kind AND d."outNo" = o.out_no
     WHERE d."channelAccountId" = $1 AND d."runId" <> $2 AND d.status <> 'RESOLVED'
       AND o.outcome IN ('MISSING_LOCAL', 'MISSING_CHANNEL', 'AMOUNT_MISMATCH', 'FEE_MISMATCH', 'STATUS_MISMATCH', 'EXPECTED')`,
    [scope.channelAccountId, scope.runId],
  );
  await upsertDifferences(client, scope);
  await settleStaleDifferences(client, scope);
  await openLapsedExpectations(client, scope);
  const touchedRunIds = new Set([...touched.rows, ...takenOver.rows].map((row) => row.runId as string));
  touchedRunIds.delete(scope.runId);
  return { ...(await figures(client)), touchedRunIds: [...touchedRunIds] };
}

/** Worst first, when a bill names one out_no twice (a payment billed SUCCESS then REVOKED). */
const SEVERITY = `CASE outcome WHEN 'STATUS_MISMATCH' THEN 0 WHEN 'AMOUNT_MISMATCH' THEN 1 WHEN 'FEE_MISMATCH' THEN 2
  WHEN 'MISSING_LOCAL' THEN 3 WHEN 'MISSING_CHANNEL' THEN 4 ELSE 5 END`;

async function upsertDifferences(client: pg.ClientBase, scope: MatchScope): Promise<void> {
  await client.query(
    `INSERT INTO "ReconDifference" (id, "merchantId", "appId", "channelAccountId", channel, "runId", "billDate", type, status, kind, "outNo",
       "outTradeNo", "payOrderNo", "refundNo", currency, "channelTradeNo", "channelAmount", "channelFee", "channelState", "channelAt",
       "journalEntryId", "localAmount", "localFee", "localState", "localAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1, $2, $3, $4, $5, $6::date,
       (CASE WHEN outcome <> 'EXPECTED' THEN outcome WHEN channel_amount IS NULL THEN 'MISSING_CHANNEL' ELSE 'MISSING_LOCAL' END)::"ReconDifferenceType",
       (CASE WHEN outcome = 'EXPECTED' THEN 'EXPECTED' ELSE 'OPEN' END)::"ReconDifferenceStatus",
       kind, out_no, COALESCE(out_trade_no, attempt_no), pay_order_no, CASE WHEN kind = 'refund' THEN out_no END,
       COALESCE(channel_currency, local_currency), channel_trade_no, channel_amount, channel_fee, channel_state, channel_at,
       entry_id, local_amount, local_fee, local_state, local_at, now()
     FROM (
       SELECT DISTINCT ON (kind, out_no) * FROM recon_outcome
       WHERE outcome IN ('MISSING_LOCAL', 'MISSING_CHANNEL', 'AMOUNT_MISMATCH', 'FEE_MISMATCH', 'STATUS_MISMATCH', 'EXPECTED')
       ORDER BY kind, out_no, ${SEVERITY}
     ) o
     ON CONFLICT ("channelAccountId", kind, "outNo") DO UPDATE SET
       "runId" = EXCLUDED."runId", "billDate" = EXCLUDED."billDate", type = EXCLUDED.type, status = EXCLUDED.status,
       "outTradeNo" = EXCLUDED."outTradeNo", "payOrderNo" = EXCLUDED."payOrderNo", currency = EXCLUDED.currency,
       "channelTradeNo" = EXCLUDED."channelTradeNo", "channelAmount" = EXCLUDED."channelAmount", "channelFee" = EXCLUDED."channelFee",
       "channelState" = EXCLUDED."channelState", "channelAt" = EXCLUDED."channelAt", "journalEntryId" = EXCLUDED."journalEntryId",
       "localAmount" = EXCLUDED."localAmount", "localFee" = EXCLUDED."localFee", "localState" = EXCLUDED."localState",
       "localAt" = EXCLUDED."localAt", "updatedAt" = now()
     WHERE "ReconDifference".status <> 'RESOLVED'`,
    [scope.merchantId, scope.appId, scope.channelAccountId, scope.channel, scope.runId, scope.billDate],
  );
}

/** A rerun finds both sides agreeing on what an earlier run of the day called a difference: it is settled. */
async function settleStaleDifferences(client: pg.ClientBase, scope: MatchScope): Promise<void> {
  await client.query(
    `UPDATE "ReconDifference" d SET status = 'RESOLVED', resolution = 'MATCHED_LATER', "resolvedAt" = now(), "updatedAt" = now()
     WHERE d."channelAccountId" = $1 AND d."billDate" = $2::date AND d.status IN ('EXPECTED', 'OPEN')
       AND NOT EXISTS (SELECT 1 FROM recon_outcome o WHERE o.kind = d.kind AND o.out_no = d."outNo" AND o.outcome NOT IN ('MATCHED', 'MATCHED_LATER'))`,
    [scope.channelAccountId, scope.billDate],
  );
}

/** Neighbouring days' expectations that this day's bill and journal did not meet become differences. */
async function openLapsedExpectations(client: pg.ClientBase, scope: MatchScope): Promise<void> {
  const { from, to } = beijingDayRange(scope.billDate);
  await client.query(
    `UPDATE "ReconDifference" SET status = 'OPEN', "updatedAt" = now()
     WHERE "channelAccountId" = $1 AND status = 'EXPECTED'
       AND (("billDate" = $2::date AND COALESCE("channelAt", "localAt") >= $4::timestamp)
         OR ("billDate" = $3::date AND COALESCE("channelAt", "localAt") < $5::timestamp))`,
    [
      scope.channelAccountId,
      shiftDate(scope.billDate, -1),
      shiftDate(scope.billDate, 1),
      utc(new Date(from.getTime() - MIDNIGHT_WINDOW_MS)),
      utc(new Date(to.getTime() + MIDNIGHT_WINDOW_MS)),
    ],
  );
}

async function figures(client: pg.ClientBase): Promise<Omit<MatchFigures, "touchedRunIds">> {
  const bill = await client.query(
    `SELECT count(*)::int AS rows,
       count(*) FILTER (WHERE kind = 'payment')::int AS payments, COALESCE(sum(amount) FILTER (WHERE kind = 'payment'), 0)::text AS payment_amount,
       count(*) FILTER (WHERE kind = 'refund')::int AS refunds, COALESCE(sum(amount) FILTER (WHERE kind = 'refund'), 0)::text AS refund_amount,
       COALESCE(sum(fee), 0)::text AS fee
     FROM ${STAGING_TABLE}`,
  );
  const outcome = await client.query(
    `SELECT count(*) FILTER (WHERE local_here AND kind = 'payment')::int AS payments,
       COALESCE(sum(local_amount) FILTER (WHERE local_here AND kind = 'payment'), 0)::text AS payment_amount,
       count(*) FILTER (WHERE local_here AND kind = 'refund')::int AS refunds,
       COALESCE(sum(local_amount) FILTER (WHERE local_here AND kind = 'refund'), 0)::text AS refund_amount,
       COALESCE(sum(local_fee) FILTER (WHERE local_here), 0)::text AS fee,
       count(*) FILTER (WHERE (outcome = 'MATCHED' AND local_here) OR outcome = 'MATCHED_LATER')::int AS matched,
       count(*) FILTER (WHERE outcome = 'MISSING_LOCAL')::int AS missing_local,
       count(*) FILTER (WHERE outcome = 'MISSING_CHANNEL')::int AS missing_channel,
       count(*) FILTER (WHERE outcome = 'AMOUNT_MISMATCH')::int AS amount_mismatch,
       count(*) FILTER (WHERE outcome = 'FEE_MISMATCH')::int AS fee_mismatch,
       count(*) FILTER (WHERE outcome = 'STATUS_MISMATCH')::int AS status_mismatch,
       count(*) FILTER (WHERE outcome = 'EXPECTED')::int AS expected
     FROM ${OUTCOMES}`,
  );
  const b = bill.rows[0];
  const o = outcome.rows[0];
  return {
    billRows: b.rows,
    billPaymentCount: b.payments,
    billPaymentAmount: BigInt(b.payment_amount),
    billRefundCount: b.refunds,
    billRefundAmount: BigInt(b.refund_amount),
    billFee: BigInt(b.fee),
    localPaymentCount: o.payments,
    localPaymentAmount: BigInt(o.payment_amount),
    localRefundCount: o.refunds,
    localRefundAmount: BigInt(o.refund_amount),
    localFee: BigInt(o.fee),
    matched: o.matched,
    missingLocal: o.missing_local,
    missingChannel: o.missing_channel,
    amountMismatch: o.amount_mismatch,
    feeMismatch: o.fee_mismatch,
    statusMismatch: o.status_mismatch,
    expected: o.expected,
  };
}
