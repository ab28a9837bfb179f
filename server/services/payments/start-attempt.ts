import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, ChannelUnsupportedError } from "@/server/channels/errors";
import type { PayData, Payer, PayMode } from "@/server/channels/types";
import { db } from "@/server/db";
import { attemptNo as makeAttemptNo } from "@/server/domain/ids";
import { isCurrency } from "@/server/domain/money";
import { paramsHash } from "@/server/domain/params-hash";
import { AppError } from "@/server/errors";
import type { Order, Payment } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { closeAttempt, syncDelayMs, syncPayment } from "@/server/jobs/tasks/payment-jobs";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { channelForAccount } from "./channel-for-account";
import { selectChannelAccount } from "./select-channel-account";

export type AttemptParams = {
  channel?: string;
  mode: PayMode;
  payer?: Payer;
  /** Where the channel's own cashier returns the consumer (Alipay page/wap); default: the order's returnUrl. */
  returnUrl?: string;
};

export function attemptParamsHash(params: AttemptParams): string {
  return paramsHash({ channel: params.channel ?? null, mode: params.mode, payer: params.payer ?? null });
}

/**
 * Starts a payment attempt on an order: picks the channel account, records the attempt (with its
 * status-sync job, and close jobs for the attempts it supersedes) in one transaction, then calls the
 * channel — outside any transaction, never holding a lock over the network.
 *
 * The channel's answer decides the attempt: accepted → PROCESSING with payData; refused → FAILED;
 * unreachable → FAILED (nothing was created there); no answer in time → UNKNOWN (the channel may have
 * the trade: status sync finds out; it is never marked failed or retried elsewhere).
 */
export async function startAttempt(order: Order, params: AttemptParams): Promise<Payment> {
  const account = await selectChannelAccount(order.appId, params.mode, params.channel);
  const payment = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "payOrderNo" = ${order.payOrderNo} FOR UPDATE`;
    const current = await tx.order.findUniqueOrThrow({ where: { payOrderNo: order.payOrderNo }, select: { status: true } });
    if (current.status === "CLOSED") throw new AppError("ORDER_CLOSED", "the order is closed");
    if (current.status !== "PENDING") throw new AppError("ORDER_ALREADY_PAID", "the order is already paid");
    const previous = await tx.payment.findMany({ where: { payOrderNo: order.payOrderNo }, orderBy: { seq: "desc" } });
    const seq = (previous[0]?.seq ?? 0) + 1;
    const created = await tx.payment.create({
      data: {
        attemptNo: makeAttemptNo(order.payOrderNo, seq),
        payOrderNo: order.payOrderNo,
        seq,
        merchantId: order.merchantId,
        appId: order.appId,
        channelAccountId: account.id,
        channel: account.channel,
        mode: params.mode,
        amount: order.amount,
        currency: order.currency,
        paramsHash: attemptParamsHash(params),
        payer: params.payer ?? undefined,
      },
    });
    await enqueueJob(tx, syncPayment, { attemptNo: created.attemptNo, round: 0 }, {
      runAt: new Date(Date.now() + syncDelayMs(0)),
      jobKey: `sync-payment:${created.attemptNo}`,
    });
    for (const open of previous.filter((p) => p.status === "CREATED" || p.status === "PROCESSING" || p.status === "UNKNOWN")) {
      await enqueueJob(tx, closeAttempt, { attemptNo: open.attemptNo }, { jobKey: `close-attempt:${open.attemptNo}` });
    }
    return created;
  });

  const { plugin, ctx } = await channelForAccount(account.id);
  let payData: PayData | null;
  let channelTradeNo: string | undefined;
  const started = performance.now();
  try {
    const result = await plugin.pay(ctx, {
      outTradeNo: payment.attemptNo,
      amount: order.amount,
      currency: isCurrency(order.currency) ? order.currency : "CNY",
      subject: order.subject,
      description: order.description ?? undefined,
      expiresAt: order.expiresAt,
      mode: params.mode,
      payer: params.payer,
      returnUrl: params.returnUrl ?? order.returnUrl ?? undefined,
    });
    payData = result.payData;
    channelTradeNo = result.channelTradeNo;
  } catch (error) {
    await recordFailure(payment, error);
    throw toApiError(error);
  } finally {
    logger.info({ attemptNo: payment.attemptNo, channel: account.channel, ms: Math.round(performance.now() - started) }, "channel pay call");
  }

  const updated = await db.payment.updateMany({
    where: { attemptNo: payment.attemptNo, status: "CREATED" },
    data: { status: "PROCESSING", payData: payData ?? undefined, channelTradeNo },
  });
  metrics.payments.inc({ channel: account.channel, status: "PROCESSING" });
  if (updated.count === 0) logger.info({ attemptNo: payment.attemptNo }, "attempt settled before the pay call returned");
  return db.payment.findUniqueOrThrow({ where: { attemptNo: payment.attemptNo } });
}

async function recordFailure(payment: Payment, error: unknown): Promise<void> {
  const unknownOutcome = !(error instanceof ChannelRejectedError || error instanceof ChannelUnavailableError || error instanceof ChannelUnsupportedError);
  if (unknownOutcome) logger.warn({ err: error, attemptNo: payment.attemptNo }, "channel outcome unknown");
  await db.payment.updateMany({
    where: { attemptNo: payment.attemptNo, status: "CREATED" },
    data: {
      status: unknownOutcome ? "UNKNOWN" : "FAILED",
      failureCode: (error as { code?: string }).code ?? (error as Error).name,
      failureMessage: String((error as Error).message).slice(0, 500),
    },
  });
  metrics.payments.inc({ channel: payment.channel, status: unknownOutcome ? "UNKNOWN" : "FAILED" });
}

function toApiError(error: unknown): AppError {
  if (error instanceof ChannelRejectedError) return new AppError("CHANNEL_ERROR", `the channel refused the payment: ${error.message}`);
  if (error instanceof ChannelUnavailableError || error instanceof ChannelUnsupportedError) {
    return new AppError("CHANNEL_UNAVAILABLE", "the channel is unavailable; try again or another channel");
  }
  if (error instanceof ChannelTimeoutError) {
    return new AppError("CHANNEL_ERROR", "the channel did not answer in time; the attempt is being checked with the channel");
  }
  return new AppError("CHANNEL_ERROR", "the channel call failed; the attempt is being checked with the channel");
}
