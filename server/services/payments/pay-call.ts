import { ChannelError, ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, ChannelUnsupportedError } from "@/server/channels/errors";
import type { PayData, Payer, PayMode, PayResult } from "@/server/channels/types";
import { db } from "@/server/db";
import { parseCurrency } from "@/server/domain/money";
import { AppError } from "@/server/errors";
import type { PayOrder, Payment } from "@/server/generated/prisma/client.ts";
import { toAppError } from "@/server/to-app-error";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import type { RoutingState } from "@/server/services/routing/load-routing-state";
import { recordChannelCall } from "@/server/services/routing/record-channel-call";
import { metricSubject, recordAttemptEnded, recordAttemptStarted } from "@/server/services/monitoring/channel-metrics-recorder";
import { recordPayAccepted } from "./attempt-writes";
import { applySyncPayAnswer } from "./barcode-attempt";
import { cashierUrlOf } from "./pay-order-view";
import { channelForAccount, channelOf, type ResolvableAccount } from "./channel-for-account";

/**
 * Sends an attempt's pay call to its channel (out_trade_no = attemptNo) and records the answer:
 * accepted → PROCESSING with payData; refused or unreachable → FAILED; no answer → UNKNOWN. Every
 * outcome feeds the account's circuit breaker. Also used to send the same call again for an attempt
 * whose first call got no recorded answer (resume-attempt.ts): the channels answer a repeated
 * out_trade_no with the same parameters with their existing trade, so the call is safe to repeat.
 * Throws the channel's error after recording it.
 */
export async function sendPayCall(order: PayOrder, payment: Payment, state: RoutingState, account?: ResolvableAccount): Promise<Payment> {
  // the account when the caller read it with the attempt (attempt-writes.ts), else read here
  const { plugin, ctx } = account ? channelOf(account) : await channelForAccount(payment.channelAccountId);
  // the first pay call of an attempt starts it (a repeated call for an unanswered one does not)
  if (payment.payOutcome === null) recordAttemptStarted(metricSubject(payment));
  let payData: PayData | null;
  let channelTradeNo: string | undefined;
  let sync: PayResult["sync"];
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const result = await plugin.pay(ctx, {
      outTradeNo: payment.attemptNo,
      amount: order.amount,
      currency: parseCurrency(order.currency),
      subject: order.subject,
      description: order.description ?? undefined,
      expiresAt: order.expiresAt,
      mode: payment.mode as PayMode,
      payer: (payment.payer ?? undefined) as Payer | undefined,
      // a channel's own page (pc, wap) returns the consumer to the merchant's page, else to the order's cashier page
      returnUrl: payment.returnUrl ?? order.returnUrl ?? (payment.mode === "pc" || payment.mode === "wap" ? cashierUrlOf(order.payOrderNo) : undefined),
      profitSharing: order.profitSharing || undefined,
    });
    payData = result.payData;
    channelTradeNo = result.channelTradeNo;
    sync = result.sync;
  } catch (error) {
    const ms = elapsed();
    logger.info({ attemptNo: payment.attemptNo, channel: payment.channel, ms }, "channel pay call failed");
    await Promise.all([
      recordFailure(payment, error, ms),
      recordChannelCall(state, payment.channelAccountId, payment.mode, reachable(error) ? "ok" : "error"),
    ]);
    throw error;
  }
  const ms = elapsed();
  logger.info({ attemptNo: payment.attemptNo, channel: payment.channel, ms }, "channel pay call");
  const [recorded] = await Promise.all([
    // Any open attempt without a recorded answer: CREATED (the first call), or UNKNOWN / PROCESSING
    // after a call that timed out or never returned (a repeated call). One statement, the row returned.
    recordPayAccepted(payment.attemptNo, { payData, channelTradeNo, latencyMs: ms }),
    recordChannelCall(state, payment.channelAccountId, payment.mode, "ok"),
  ]);
  if (!recorded.updated) logger.info({ attemptNo: payment.attemptNo }, "attempt settled before the pay call returned");
  else metrics.payments.inc({ channel: payment.channel, status: "PROCESSING" });
  // barcode: paid in the call → applied now, as a callback would be
  if (!sync) return recorded.payment;
  await applySyncPayAnswer(plugin, ctx.credentials, payment, sync);
  return db.payment.findUniqueOrThrow({ where: { attemptNo: payment.attemptNo } });
}

/** The channel answered (even "no", or "not supported"): it is reachable, as far as its breaker is concerned. */
function reachable(error: unknown): boolean {
  return error instanceof ChannelRejectedError || error instanceof ChannelUnsupportedError;
}

function payOutcome(error: unknown): string {
  if (error instanceof ChannelRejectedError) return "rejected";
  if (error instanceof ChannelUnsupportedError) return "unsupported";
  if (error instanceof ChannelUnavailableError) return "unavailable";
  if (error instanceof ChannelTimeoutError) return "timeout";
  return "unknown";
}

async function recordFailure(payment: Payment, error: unknown, ms: number): Promise<void> {
  const unknownOutcome = !(error instanceof ChannelRejectedError || error instanceof ChannelUnavailableError || error instanceof ChannelUnsupportedError);
  if (unknownOutcome) logger.warn({ err: error, attemptNo: payment.attemptNo }, "channel outcome unknown");
  const changed = await db.payment.updateMany({
    where: { attemptNo: payment.attemptNo, status: "CREATED" },
    data: {
      status: unknownOutcome ? "UNKNOWN" : "FAILED",
      failureCode: (error as { code?: string }).code ?? (error as Error).name,
      failureMessage: String((error as Error).message).slice(0, 500),
      payOutcome: payOutcome(error),
      payLatencyMs: ms,
    },
  });
  if (changed.count) metrics.payments.inc({ channel: payment.channel, status: unknownOutcome ? "UNKNOWN" : "FAILED" });
  if (changed.count && !unknownOutcome) recordAttemptEnded(metricSubject(payment), "failed");
}

/** The Open API's error for a channel error (others pass through). */
export function toApiError(error: unknown): AppError {
  if (error instanceof AppError || error instanceof ChannelError) return toAppError(error);
  // an error of no known kind during the channel call: the channel may have acted, as after a timeout
  return new AppError("CHANNEL_ERROR", "the channel call failed; the attempt is being checked with the channel");
}
