import type { ChannelPlugin, InboundNotification, NotifyAnswer } from "@/server/channels/types";
import type { NotificationKind, NotificationResult } from "@/server/generated/prisma/client.ts";
import { logger } from "@/server/observability/logger";
import { sql } from "@/server/sql";
import { channelOf, findAccountWithAppMode } from "./channel-for-account";

const MAX_STORED_BODY = 64 * 1024;

export type NotificationRecord = {
  /** Null when the account is unknown or belongs to another channel. */
  channel: ReturnType<typeof channelOf> | null;
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
  const account = await findAccountWithAppMode(channelAccountId);
  const known = account?.channel === channel ? account : null;
  const { rows } = await sql<{ id: bigint }>(
    `INSERT INTO "ChannelNotification" (channel, "channelAccountId", "merchantId", kind, headers, body, result, "receivedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 'ERROR', $7) RETURNING id`,
    [channel, known?.id ?? null, known?.merchantId ?? null, kind, JSON.stringify(inbound.headers), inbound.body.slice(0, MAX_STORED_BODY), new Date()],
  );
  const recordId = rows[0].id;
  const resolved = known ? channelOf(known) : null;
  const plugin: ChannelPlugin<unknown> | null = resolved?.plugin ?? null;
  return {
    channel: resolved,
    async finish(result, detail, ids = {}) {
      await sql(`UPDATE "ChannelNotification" SET result = $2, "resultDetail" = $3, "attemptNo" = $4, "refundNo" = $5 WHERE id = $1`, [
        recordId,
        result,
        detail?.slice(0, 1000) ?? null,
        ids.attemptNo ?? null,
        ids.refundNo ?? null,
      ]);
      const accepted = result === "ACCEPTED";
      if (!accepted) logger.warn({ kind, channel, channelAccountId, result, detail }, "channel callback refused");
      return plugin ? plugin.notifyAnswer(accepted, detail) : { status: 404, body: "unknown channel account" };
    },
  };
}
