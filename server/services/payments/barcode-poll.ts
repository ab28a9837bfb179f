import { REVERSE_RETRY_LATER } from "@/server/channels/errors";
import { db } from "@/server/db";
import { BARCODE_POLL_INTERVAL_MS, BARCODE_REVERSED, nextPollStep, reverseRetryAt } from "@/server/domain/barcode-loop";
import { isOpenAttempt } from "@/server/domain/pay-order-states";
import { loadEnv } from "@/server/env";
import type { Payment } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { barcodePoll } from "@/server/jobs/tasks/barcode-jobs";
import { logger } from "@/server/observability/logger";
import { applyReversal, settleReversedPayment } from "./barcode-reversal";
import { channelForAccount } from "./channel-for-account";
import { queryAttempt } from "./query-attempt";
import { mayBeInFlight } from "./resume-attempt";

/**
 * The barcode loop (job `barcode-poll`, added with the attempt; docs/adr/0023): while the attempt is
 * open, query it at the channel every few seconds — each answer applied as a callback would be —
 * until the limit; then query once more and reverse it (WeChat 撤销 / Alipay cancel). The reverse's
 * outcome settles the attempt (barcode-reversal.ts); a reverse that fails is tried again with
 * backoff. Nothing here marks an attempt FAILED: only the channel's own "declined" does.
 */
export async function runBarcodePoll({ attemptNo, reverseTries }: { attemptNo: string; reverseTries: number }): Promise<void> {
  const payment = await db.payment.findUnique({ where: { attemptNo } });
  if (!payment || payment.mode !== "barcode") return;
  if (payment.status === "SUCCEEDED") return settleReversedPayment(payment);
  if (!isOpenAttempt(payment.status)) return;
  const scale = loadEnv().BARCODE_TIME_SCALE;
  const now = Date.now();
  const step = nextPollStep(payment.createdAt.getTime(), now, scale);
  // the request that made the attempt may still be calling the channel: its answer comes first
  if (step.kind === "query" || mayBeInFlight(payment, now)) {
    if (!(await queryOpen(payment))) return;
    const next = nextPollStep(payment.createdAt.getTime(), Date.now(), scale);
    return reschedule(attemptNo, reverseTries, next.kind === "query" ? next.at : Date.now() + BARCODE_POLL_INTERVAL_MS * scale);
  }
  // the last query right before the reverse (Alipay: cancel must follow it at once)
  if (!(await queryOpen(payment))) return;
  await reverseBarcodeAttempt(payment, reverseTries, scale);
}

/** Queries the attempt; true while it is still open. A failed query is only logged: the next step follows. */
async function queryOpen(payment: Payment): Promise<boolean> {
  try {
    await queryAttempt(payment);
  } catch (error) {
    logger.warn({ err: error, attemptNo: payment.attemptNo }, "barcode query failed; the loop goes on");
  }
  const after = await db.payment.findUniqueOrThrow({ where: { attemptNo: payment.attemptNo }, select: { status: true, failureCode: true } });
  if (after.status === "CLOSED" && after.failureCode === null) {
    // closed at the channel (a reverse that timed out but acted, or the channel's own close): for good,
    // with any money given back — a late "paid" from before must not apply, as after our own reverse
    await db.payment.updateMany({ where: { attemptNo: payment.attemptNo, status: "CLOSED", failureCode: null }, data: { failureCode: BARCODE_REVERSED } });
  }
  return isOpenAttempt(after.status);
}

/** Reverses the attempt at its channel and settles it from the outcome; a failure schedules another try. */
export async function reverseBarcodeAttempt(payment: Payment, reverseTries: number, scale = loadEnv().BARCODE_TIME_SCALE): Promise<void> {
  const { plugin, ctx } = await channelForAccount(payment.channelAccountId);
  if (!plugin.reverse) {
    logger.error({ attemptNo: payment.attemptNo, channel: payment.channel }, "barcode attempt on a channel without reverse: left to status sync and expiry");
    return;
  }
  try {
    const result = await plugin.reverse(ctx, payment.attemptNo);
    await applyReversal(payment.attemptNo, result);
  } catch (error) {
    const tries = reverseTries + 1;
    const retryAt = reverseRetryAt(tries, Date.now(), scale);
    const later = (error as { code?: string }).code === REVERSE_RETRY_LATER;
    if (retryAt === null) {
      logger.error({ err: error, attemptNo: payment.attemptNo, tries }, "barcode reverse keeps failing: left to status sync and expiry");
      return;
    }
    logger.warn({ err: error, attemptNo: payment.attemptNo, tries, later }, "barcode reverse failed; trying again");
    await reschedule(payment.attemptNo, tries, retryAt);
  }
}

function reschedule(attemptNo: string, reverseTries: number, at: number): Promise<void> {
  return db.$transaction((tx) => enqueueJob(tx, barcodePoll, { attemptNo, reverseTries }, { runAt: new Date(at), jobKey: `barcode-poll:${attemptNo}` }));
}
