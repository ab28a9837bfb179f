import type { ChannelPlugin, InboundNotification, NotifyAnswer } from "@/server/channels/types";
import { db } from "@/server/db";
import type { NotificationKind, NotificationResult } from "@/server/generated/prisma/client.ts";
import { logger } from "@/server/observability/logger";
import { channelForAccount } from "./channel-for-account";

const MAX_STORED_BODY = 64 * 1024;

export type NotificationRecord = {
  /** Null when the account is unknown or belongs to another channel. */
  channel: Awaited<ReturnType<typeof channelForAccount>> | null;
  /** Records the outcome and answers the channel in its format. */
  finish(result: NotificationResult, detail?: string, ids?: { attemptNo?: string; refundNo?: string }): Promise<NotifyAnswer>;
};

/**
 * Every inbound callback is stored raw before anything else, so operators can see forged and
 * mismatched ones; `finish` records what we made of it and builds the channel's answer.
 */
export async function openNotificationRecord(
  kind: NotificationKind,
  channel: string,
  channelAccountId: string,
  inbound: InboundNotification,
): Promise<NotificationRecord> {
  const account = await db.channelAccount.findUnique({ where: { id: channelAccountId }, select: { id: true, channel: true, merchantId: true } });
  const known = account && account.channel === channel ? account : null;
  const record = await db.channelNotification.create({
    data: {
      channel,
      channelAccountId: known?.id,
      merchantId: known?.merchantId,
      kind,
      headers: inbound.headers,
      body: inbound.body.slice(0, MAX_STORED_BODY),
      result: "ERROR",
    },
  });
  const resolved = known ? await channelForAccount(known.id) : null;
  const plugin: ChannelPlugin<unknown> | null = resolved?.plugin ?? null;
  return {
    channel: resolved,
    async finish(result, detail, ids = {}) {
      await db.channelNotification.update({
        where: { id: record.id },
        data: { result, resultDetail: detail?.slice(0, 1000), attemptNo: ids.attemptNo, refundNo: ids.refundNo },
      });
      const accepted = result === "ACCEPTED";
      if (!accepted) logger.warn({ kind, channel, channelAccountId, result, detail }, "channel callback refused");
      return plugin ? plugin.notifyAnswer(accepted, detail) : { status: 404, body: "unknown channel account" };
    },
  };
}
