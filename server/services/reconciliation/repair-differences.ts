import { db } from "@/server/db";
import { logger } from "@/server/observability/logger";
import { queryAttempt } from "@/server/services/payments/query-attempt";
import { syncRefund } from "@/server/services/refunds/sync-refund";

/**
 * REPAIRING (docs/adr/0016): a difference a channel query can settle is settled through the very
 * code a callback goes through. A bill row the channel settled whose attempt (or refund) of ours is
 * still open is a lost callback: the attempt is queried and the answer applied by queryAttempt →
 * applyTradeResult (the same checks, compare-and-set, journal entry and events as the callback);
 * a refund by syncRefund → applyRefundResult. If that posted the journal entry, the difference is
 * RESOLVED as REPAIRED_BY_QUERY with our side filled in. Anything else stays OPEN for finance.
 * Returns how many were repaired.
 */
export async function repairDifferences(runId: string): Promise<number> {
  const candidates = await db.reconDifference.findMany({
    where: { runId, status: "OPEN", type: { in: ["STATUS_MISMATCH", "MISSING_LOCAL"] }, journalEntryId: null, channelAmount: { not: null } },
    select: { id: true, kind: true, outNo: true },
  });
  let repaired = 0;
  for (const difference of candidates) {
    try {
      if (await settleAtChannel(difference.kind, difference.outNo)) {
        if (await markRepaired(difference.id, difference.kind, difference.outNo)) repaired++;
      }
    } catch (error) {
      // one channel hiccup must not fail the day: the difference stays OPEN, a rerun tries again
      logger.warn({ err: error, differenceId: difference.id }, "reconciliation repair query failed");
    }
  }
  return repaired;
}

/** Queries the channel about an open attempt or refund of ours; true when it has a journal entry now. */
async function settleAtChannel(kind: string, outNo: string): Promise<boolean> {
  if (kind === "payment") {
    const payment = await db.payment.findUnique({ where: { attemptNo: outNo } });
    if (!payment) return false;
    if (payment.status !== "SUCCEEDED") await queryAttempt(payment);
  } else {
    const refund = await db.refund.findUnique({ where: { refundNo: outNo }, select: { status: true } });
    if (!refund) return false;
    if (refund.status === "PROCESSING") await syncRefund({ refundNo: outNo, round: Number.MAX_SAFE_INTEGER });
  }
  return (await db.journalEntry.count({ where: { dedupeKey: `${kind}:${outNo}` } })) > 0;
}

/** Compare-and-set OPEN → RESOLVED (finance may have acted meanwhile), with the journal's side filled in. */
async function markRepaired(differenceId: string, kind: string, outNo: string): Promise<boolean> {
  const entry = await db.journalEntry.findUniqueOrThrow({ where: { dedupeKey: `${kind}:${outNo}` } });
  const changed = await db.reconDifference.updateMany({
    where: { id: differenceId, status: "OPEN" },
    data: {
      status: "RESOLVED",
      resolution: "REPAIRED_BY_QUERY",
      resolvedAt: new Date(),
      journalEntryId: entry.id,
      localAmount: entry.amount,
      localFee: entry.fee,
      localState: "SUCCEEDED",
      localAt: entry.occurredAt,
      payOrderNo: entry.payOrderNo,
    },
  });
  return changed.count > 0;
}
