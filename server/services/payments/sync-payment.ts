import { db } from "@/server/db";
import { enqueueJob } from "@/server/jobs/enqueue";
import { syncDelayMs, syncPayment as syncPaymentJob } from "@/server/jobs/tasks/payment-jobs";
import { logger } from "@/server/observability/logger";
import type { Payment } from "@/server/generated/prisma/client.ts";
import { queryAttempt } from "./query-attempt";
import { lacksPayAnswer, mayBeInFlight, resumeAttempt } from "./resume-attempt";

const OPEN = ["CREATED", "PROCESSING", "UNKNOWN"] as const;

/**
 * Status sync (job): an attempt without a result is queried at the channel, +1 min and then every
 * 5 min until it has one or its order has expired (expiry takes over). A lost callback is never a
 * lost payment. An attempt whose pay call never got an answer (the process died before or during the
 * call, or it timed out) has its call sent again, so that it becomes payable (resume-attempt.ts).
 */
export async function syncPayment({ attemptNo, round }: { attemptNo: string; round: number }): Promise<void> {
  const payment = await db.payment.findUnique({ where: { attemptNo }, include: { payOrder: { select: { expiresAt: true, status: true } } } });
  if (!payment || !(OPEN as readonly string[]).includes(payment.status)) return;
  try {
    await syncAttempt(payment);
  } catch (error) {
    logger.warn({ err: error, attemptNo }, "status sync query failed; will try again");
  }
  const after = await db.payment.findUniqueOrThrow({ where: { attemptNo } });
  if (!(OPEN as readonly string[]).includes(after.status)) return;
  const next = new Date(Date.now() + syncDelayMs(round + 1));
  if (next > payment.payOrder.expiresAt) return; // expiry closes it at the channel and settles it
  await db.$transaction((tx) => enqueueJob(tx, syncPaymentJob, { attemptNo, round: round + 1 }, { runAt: next, jobKey: `sync-payment:${attemptNo}` }));
}

/** `?sync=true`: query every open attempt of an order now. */
export async function syncOpenAttempts(payOrderNo: string): Promise<void> {
  const open = await db.payment.findMany({ where: { payOrderNo, status: { in: [...OPEN] } } });
  for (const payment of open) {
    try {
      await syncAttempt(payment);
    } catch (error) {
      logger.warn({ err: error, attemptNo: payment.attemptNo }, "sync on read failed");
    }
  }
}

/** Queries an attempt at its channel; one whose pay call has no answer (and whose request is gone) is resumed. */
async function syncAttempt(payment: Payment): Promise<void> {
  if (lacksPayAnswer(payment) && !mayBeInFlight(payment)) await resumeAttempt(payment);
  else await queryAttempt(payment);
}
