import { ChannelUnsupportedError, NotifyVerificationError } from "@/server/channels/errors";
import type { InboundNotification, NotifyAnswer, RefundNotification } from "@/server/channels/types";
import { db } from "@/server/db";
import { logger } from "@/server/observability/logger";
import { openNotificationRecord } from "@/server/services/payments/notification-record";
import { applyRefundResult } from "./apply-refund-result";

/** A refund callback: stored, verified, matched to our refund (account and amount), applied once. */
export async function handleRefundNotify(channel: string, channelAccountId: string, inbound: InboundNotification): Promise<NotifyAnswer> {
  const record = await openNotificationRecord("REFUND", channel, channelAccountId, inbound);
  if (!record.channel) return record.finish("UNKNOWN_TRADE", "unknown channel account");
  const { plugin, ctx, account } = record.channel;

  let notification: RefundNotification;
  try {
    notification = await plugin.parseRefundNotify(ctx, inbound);
  } catch (error) {
    if (error instanceof NotifyVerificationError) return record.finish("INVALID_SIGNATURE", error.message);
    // a channel that sends no refund callbacks (Alipay): whatever arrives here is not its own
    if (error instanceof ChannelUnsupportedError) return record.finish("ERROR", error.message);
    logger.error({ err: error }, "refund callback could not be parsed");
    return record.finish("ERROR", "could not be parsed");
  }

  const refund = await db.refund.findUnique({ where: { refundNo: notification.outRefundNo }, include: { payment: { select: { channelAccountId: true } } } });
  if (!refund || refund.payment.channelAccountId !== account.id) {
    return record.finish("UNKNOWN_TRADE", `no refund ${notification.outRefundNo} on this account`);
  }
  if (notification.refundAmount !== undefined && notification.refundAmount !== refund.amount) {
    return record.finish("MISMATCH", `refund amount ${notification.refundAmount} is not ${refund.amount}`, { refundNo: refund.refundNo });
  }
  await applyRefundResult(refund.refundNo, notification);
  return record.finish("ACCEPTED", undefined, { refundNo: refund.refundNo });
}
