import type { JobHelpers } from "graphile-worker";
import { fetch } from "undici";
import { db } from "@/server/db";
import { guardedDispatcher, outboundPolicy } from "@/server/net/outbound-guard";
import { logger } from "@/server/observability/logger";
import { parseFaults, scaled } from "./faults";
import { openSandboxKeys } from "./keys";
import { sandboxChannel } from "./registry";
import type { OutboundNotification } from "./types";

const NOTIFY_TIMEOUT_MS = 5_000;

async function build(kind: "payment" | "refund", id: string): Promise<{ notification: OutboundNotification | null; schedule: readonly number[]; ack: (s: number, b: string) => boolean } | null> {
  const refund = kind === "refund" ? await db.sandboxRefund.findUnique({ where: { id } }) : null;
  const trade = await db.sandboxTrade.findUnique({ where: { id: refund ? refund.tradeId : id } });
  // a trade that asked for no notification (Alipay: no notify_url) gets none
  if (!trade?.notifyUrl) return null;
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { id: trade.sandboxMerchantId } });
  if (parseFaults(merchant.faults).dropNotifications) return null;
  const channel = sandboxChannel(trade.channel);
  const keys = openSandboxKeys(merchant);
  const notification = refund
    ? channel.refundNotification({ merchant, keys, trade, refund })
    : channel.paymentNotification({ merchant, keys, trade });
  return { notification, schedule: channel.retryScheduleSeconds, ack: channel.isAcknowledged };
}

/**
 * Sends one notification the way the channel does: POST, wait at most 5 s, and unless the answer
 * is the channel's acknowledgement, try again on the channel's schedule (scaled by SANDBOX_TIME_SCALE).
 */
export async function deliverSandboxNotification(
  payload: { kind: "payment" | "refund"; id: string; attempt: number },
  helpers: Pick<JobHelpers, "addJob">,
): Promise<void> {
  const built = await build(payload.kind, payload.id);
  if (!built?.notification) return;
  const { notification, schedule, ack } = built;
  let status = 0;
  let body = "";
  try {
    const response = await fetch(notification.url, {
      method: "POST",
      // the notify_url came in a request: the SSRF guard's TEST rules (PayCenter's own callbacks pass), no redirects
      redirect: "manual",
      dispatcher: guardedDispatcher(outboundPolicy("TEST")),
      headers: notification.headers,
      body: notification.body,
      signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS),
    });
    status = response.status;
    body = await response.text();
  } catch (error) {
    body = (error as Error).message;
  }
  if (ack(status, body)) return;
  logger.info({ url: notification.url, status, attempt: payload.attempt }, "sandbox notification not acknowledged");
  const delay = schedule[payload.attempt];
  if (delay === undefined) return;
  await helpers.addJob(
    "sandbox-notify",
    { ...payload, attempt: payload.attempt + 1 },
    { runAt: new Date(Date.now() + scaled(delay * 1000)), maxAttempts: 1 },
  );
}
