import { NotifyMismatchError, NotifyVerificationError } from "@/server/channels/errors";
import type { InboundNotification, NotifyAnswer, PaymentNotification } from "@/server/channels/types";
import { type Payment, Prisma } from "@/server/generated/prisma/client.ts";
import { logger } from "@/server/observability/logger";
import { columns, sql } from "@/server/sql";
import { metricSubject, recordCallback } from "@/server/services/monitoring/channel-metrics-recorder";
import { applyTradeResult } from "./apply-trade-result";
import { checkTradeMatches } from "./check-trade-matches";
import { openNotificationRecord } from "./notification-record";

/**
 * A payment callback from a channel (POST /api/notify/{channel}/{channelAccountId}): stored raw
 * first, then verified (signature, decryption), matched to our attempt and checked (app id,
 * merchant number, amount). Only then is it applied — exactly once; a repeat changes nothing and is
 * acknowledged. A forged or mismatched one is recorded for operators, never paid, and refused in
 * the channel's own format.
 */
export async function handlePaymentNotify(channel: string, channelAccountId: string, inbound: InboundNotification): Promise<NotifyAnswer> {
  const record = await openNotificationRecord("PAYMENT", channel, channelAccountId, inbound);
  if (!record.channel) return record.finish("UNKNOWN_TRADE", "unknown channel account");
  const { plugin, ctx, account } = record.channel;

  let notification: PaymentNotification;
  try {
    notification = await plugin.parseNotify(ctx, inbound);
  } catch (error) {
    if (error instanceof NotifyVerificationError) return record.finish(error instanceof NotifyMismatchError ? "MISMATCH" : "INVALID_SIGNATURE", error.message);
    logger.error({ err: error }, "payment callback could not be parsed");
    return record.finish("ERROR", "could not be parsed");
  }

  const { rows } = await sql<Payment>(`SELECT ${columns(Prisma.PaymentScalarFieldEnum)} FROM "Payment" WHERE "attemptNo" = $1`, [notification.outTradeNo]);
  const payment = rows[0];
  if (!payment || payment.channelAccountId !== account.id) {
    return record.finish("UNKNOWN_TRADE", `no attempt ${notification.outTradeNo} on this account`);
  }
  // a verified callback about one of this account's attempts: its delay after the attempt started
  recordCallback(metricSubject(payment), Date.now() - payment.createdAt.getTime());
  if (notification.state === "SUCCEEDED") {
    const mismatch = checkTradeMatches(plugin, ctx.credentials, payment, notification);
    if (mismatch) return record.finish("MISMATCH", mismatch, { attemptNo: payment.attemptNo });
  }
  // SUCCEEDED is final: a repeated success would change nothing, so it is acknowledged without taking the locks.
  if (!(notification.state === "SUCCEEDED" && payment.status === "SUCCEEDED")) await applyTradeResult(payment.attemptNo, notification);
  return record.finish("ACCEPTED", undefined, { attemptNo: payment.attemptNo });
}
