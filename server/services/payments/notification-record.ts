import type { ChannelPlugin, InboundNotification, NotifyAnswer } from "@/server/channels/types";
import type { NotificationKind, NotificationResult } from "@/server/generated/prisma/client.ts";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { sql } from "@/server/sql";
import { channelOf, findAccountWithAppMode } from "./channel-for-account";
import { callbackStorage, noteRefusal } from "./refused-callback-budget";

export type NotificationRecord = {
  /** Null when the account is unknown or belongs to another channel. */
  channel: ReturnType<typeof channelOf> | null;
  /** Records the outcome and answers the channel in its format. */
  finish(result: NotificationResult, detail?: string, ids?: { attemptNo?: string; refundNo?: string }): Promise<NotifyAnswer>;
};

const UNKNOWN_ACCOUNT: NotifyAnswer = { status: 404, body: "unknown channel account" };

/**
 * A callback to a known account of that channel is stored before anything else, so operators can see
 * forged and mismatched ones; `finish` records what we made of it and builds the channel's answer.
 * What an unauthenticated sender can make us write is bounded (refused-callback-budget.ts): nothing
 * for an account that does not exist, a capped body and headers for one that does, and only a bare
 * record once an account's refusals pass their budget — a callback that verifies gets its body then.
 */
export async function openNotificationRecord(
  kind: NotificationKind,
  channel: string,
  channelAccountId: string,
  inbound: InboundNotification,
): Promise<NotificationRecord> {
  const account = await findAccountWithAppMode(channelAccountId);
  const known = account?.channel === channel ? account : null;
  if (!known) return unknownAccount(kind);

  const stored = callbackStorage(known.id, inbound);
  const { rows } = await sql<{ id: bigint }>(
    `INSERT INTO "ChannelNotification" (channel, "channelAccountId", "merchantId", kind, headers, body, result, "resultDetail", "receivedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 'ERROR', $7, $8) RETURNING id`,
    [channel, known.id, known.merchantId, kind, JSON.stringify(stored.headers), stored.body, stored.note, new Date()],
  );
  const recordId = rows[0].id;
  const resolved = channelOf(known);
  const plugin: ChannelPlugin<unknown> = resolved.plugin;
  return {
    channel: resolved,
    async finish(result, detail, ids = {}) {
      const accepted = result === "ACCEPTED";
      // a callback that verified is the channel's own: keep what the budget held back
      const restore = accepted && stored.withheld;
      const note = restore ? stored.kept.note : stored.note;
      await sql(
        `UPDATE "ChannelNotification" SET result = $2, "resultDetail" = $3, "attemptNo" = $4, "refundNo" = $5,
           body = CASE WHEN $6::boolean THEN $7 ELSE body END, headers = CASE WHEN $6::boolean THEN $8::jsonb ELSE headers END
         WHERE id = $1`,
        [
          recordId,
          result,
          [detail, note].filter(Boolean).join("; ").slice(0, 1000) || null,
          ids.attemptNo ?? null,
          ids.refundNo ?? null,
          restore,
          stored.kept.body,
          JSON.stringify(stored.kept.headers),
        ],
      );
      metrics.channelCallbacks.inc({ kind, result });
      if (!accepted) {
        noteRefusal(known.id);
        logger.warn({ kind, channel, channelAccountId: known.id, result, detail }, "channel callback refused");
      }
      return plugin.notifyAnswer(accepted, detail);
    },
  };
}

/** No such account (or not of this channel): nothing is stored, only counted; the sender gets a plain 404. */
function unknownAccount(kind: NotificationKind): NotificationRecord {
  return {
    channel: null,
    async finish() {
      metrics.channelCallbacks.inc({ kind, result: "UNKNOWN_ACCOUNT" });
      return UNKNOWN_ACCOUNT;
    },
  };
}
