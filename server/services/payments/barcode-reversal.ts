import type { ReverseResult } from "@/server/channels/types";
import { db, type Tx } from "@/server/db";
import { BARCODE_REVERSED } from "@/server/domain/barcode-loop";
import { newRefundNo } from "@/server/domain/ids";
import { OPEN_ATTEMPT_STATUSES } from "@/server/domain/pay-order-states";
import type { Payment } from "@/server/generated/prisma/client.ts";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { applyRefundResult } from "@/server/services/refunds/apply-refund-result";
import { lockAttempt } from "./apply-trade-result";

/**
 * What a successful reverse of a barcode trade means for our books (docs/adr/0023). The channel has
 * closed the trade for good and, if the payer had paid, given the money back. So:
 * - the attempt still open here → CLOSED (failureCode BARCODE_REVERSED), nothing owed, no journal
 *   entry; a success the channel reported earlier and that arrives later can no longer apply
 *   (apply-trade-result.ts refuses a success on a reversed attempt);
 * - the attempt SUCCEEDED here (a callback or query applied the payment while the reverse was on its
 *   way) → the channel's refund is recorded as ours: a refund of the whole payment, SUCCEEDED, with
 *   its journal entry, events and order figures (or, for a duplicate payment, its automatic refund
 *   settles) — the money is neither kept nor refunded twice.
 */

/** mchRefundNo of the refund a reverse made of a payment we had recorded. */
export const reversalRefundNo = (attemptNo: string) => `reverse-${attemptNo}`;

export async function applyReversal(attemptNo: string, result: ReverseResult): Promise<void> {
  const closed = await db.$transaction(async (tx) => {
    const locked = await lockAttempt(tx, attemptNo);
    if (!locked) return true;
    const changed = await tx.payment.updateMany({
      where: { attemptNo, status: { in: [...OPEN_ATTEMPT_STATUSES] } },
      data: {
        status: "CLOSED",
        closedAt: new Date(),
        failureCode: BARCODE_REVERSED,
        failureMessage: result.refunded ? "reversed: paid meanwhile, the channel gave the money back" : "reversed: not paid within the time limit",
      },
    });
    if (changed.count) metrics.payments.inc({ channel: locked.payment.channel, status: "CLOSED" });
    if (changed.count || locked.payment.status !== "SUCCEEDED") return true;
    await recordReversalRefund(tx, locked.payment);
    return false;
  });
  if (!closed) {
    const payment = await db.payment.findUniqueOrThrow({ where: { attemptNo } });
    await settleReversedPayment(payment, true);
  }
}

/**
 * The refund that stands for the reverse of a payment recorded here: a duplicate payment's automatic
 * refund (already there) or a new refund of the whole payment, reserved as any refund is.
 */
async function recordReversalRefund(tx: Tx, payment: Payment): Promise<void> {
  if (payment.duplicate) return;
  const existing = await tx.refund.findFirst({ where: { attemptNo: payment.attemptNo, mchRefundNo: reversalRefundNo(payment.attemptNo) } });
  if (existing) return;
  const reserved = await tx.$executeRaw`
    UPDATE "PayOrder" SET "refundingAmount" = "refundingAmount" + ${payment.amount}, "updatedAt" = now()
    WHERE "payOrderNo" = ${payment.payOrderNo} AND "paidAttemptNo" = ${payment.attemptNo}
      AND "paidAmount" - "refundedAmount" - "refundingAmount" >= ${payment.amount}`;
  if (reserved !== 1) {
    logger.error({ attemptNo: payment.attemptNo }, "a reversed barcode payment is partly refunded or refunding already: finance must reconcile it");
    return;
  }
  await tx.refund.create({
    data: {
      refundNo: newRefundNo(),
      merchantId: payment.merchantId,
      appId: payment.appId,
      payOrderNo: payment.payOrderNo,
      attemptNo: payment.attemptNo,
      mchRefundNo: reversalRefundNo(payment.attemptNo),
      amount: payment.amount,
      currency: payment.currency,
      reason: "barcode payment reversed at the channel",
      status: "PROCESSING",
      paramsHash: "reversal",
    },
  });
}

/**
 * For a SUCCEEDED barcode attempt that the channel reversed: settles the refund standing for the
 * reverse (idempotent: applyRefundResult is a compare-and-set). Called right after the reverse and
 * by the loop's job when it runs again after a crash in between. `reversed`: known to be reversed;
 * otherwise only a reversal refund already recorded is settled.
 */
export async function settleReversedPayment(payment: Payment, reversed = false): Promise<void> {
  const refund = await db.refund.findFirst({
    where: {
      attemptNo: payment.attemptNo,
      status: "PROCESSING",
      mchRefundNo: reversed && payment.duplicate ? `dup-${payment.attemptNo}` : reversalRefundNo(payment.attemptNo),
    },
  });
  if (!refund) return;
  await applyRefundResult(refund.refundNo, { state: "SUCCEEDED", succeededAt: new Date() });
}
