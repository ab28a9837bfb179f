import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/server/db";
import { isOpenAttempt } from "@/server/domain/pay-order-states";
import { loadEnv } from "@/server/env";
import type { Payment } from "@/server/generated/prisma/client.ts";
import { logger } from "@/server/observability/logger";
import { loadRoutingState } from "@/server/services/routing/load-routing-state";
import { sendPayCall, toApiError } from "./pay-call";
import { queryAttempt } from "./query-attempt";

/**
 * An attempt is recorded (CREATED) and committed before its channel is called (ADR 0005). If the
 * process dies in between — or during the call — the attempt stays CREATED with no payData, whether
 * or not the channel made the trade; if the call timed out it is UNKNOWN (or PROCESSING once status
 * sync found the trade) and has no payData either. Nobody can pay such an attempt: nobody has its QR
 * code or URL. Replaying it as `payData: null` leaves the order unpayable until it expires.
 *
 * Such an attempt is resumed instead: the channel is asked first (a trade paid, closed or failed
 * meanwhile is applied as a callback would be), and otherwise the same pay call is sent again —
 * same out_trade_no, same parameters — which the channels answer with their existing trade or by
 * creating it (WeChat Pay's and Alipay's own advice after a timed-out create). Repeating it is safe:
 * the channel keeps one trade per out_trade_no, and the answer is recorded with a compare-and-set.
 *
 * An attempt still CREATED within the in-flight bound may be one whose request is calling the
 * channel right now: a caller waits for its answer (briefly, polling) instead of answering without
 * payData or calling the channel a second time.
 */

/** How long a CREATED attempt may belong to a request still waiting for its channel (one channel timeout, plus slack). */
export function inFlightMs(): number {
  return loadEnv().CHANNEL_TIMEOUT_MS + 5_000;
}

const POLL_MS = 100;

/** The attempt's own request may still be calling the channel. */
export function mayBeInFlight(payment: Payment, now = Date.now()): boolean {
  return payment.status === "CREATED" && payment.payOutcome === null && now - payment.createdAt.getTime() < inFlightMs();
}

/** Open, and no answer of its pay call was recorded (payOutcome "ok" is set with the payData). */
export function lacksPayAnswer(payment: Payment): boolean {
  return isOpenAttempt(payment.status) && payment.payOutcome !== "ok";
}

/**
 * The attempt once its pay call has an answer: waits while its own request may still be calling the
 * channel, then resumes it if that request died or timed out (see above). Throws the API's channel
 * error when the channel cannot answer now.
 */
export async function awaitPayAnswer(payment: Payment): Promise<Payment> {
  let current = payment;
  while (mayBeInFlight(current)) {
    await sleep(POLL_MS);
    current = await db.payment.findUniqueOrThrow({ where: { attemptNo: current.attemptNo } });
  }
  return lacksPayAnswer(current) ? resumeAttempt(current) : current;
}

/**
 * Asks the channel about an attempt without a recorded pay answer, then — unless the trade is paid,
 * closed or failed there — sends its pay call again. Only the latest attempt of a pending, unexpired
 * order is sent again; anything else is left to status sync, supersession and expiry.
 */
export async function resumeAttempt(payment: Payment): Promise<Payment> {
  try {
    await queryAttempt(payment);
  } catch (error) {
    throw toApiError(error);
  }
  const current = await db.payment.findUniqueOrThrow({ where: { attemptNo: payment.attemptNo }, include: { payOrder: true } });
  const { payOrder: order, ...attempt } = current;
  if (!lacksPayAnswer(attempt) || order.status !== "PENDING" || order.expiresAt <= new Date()) return attempt;
  const latest = await db.payment.findFirst({ where: { payOrderNo: order.payOrderNo }, orderBy: { seq: "desc" }, select: { attemptNo: true } });
  if (latest?.attemptNo !== attempt.attemptNo) return attempt;
  logger.warn({ attemptNo: attempt.attemptNo, status: attempt.status, payOutcome: attempt.payOutcome }, "sending the pay call of an attempt without an answer again");
  try {
    return await sendPayCall(order, attempt, await loadRoutingState(order.appId));
  } catch (error) {
    throw toApiError(error);
  }
}
