import { db } from "@/server/db";
import { webhookSignature, WEBHOOK_RETRY_SECONDS } from "@/server/domain/webhook-signature";
import { loadEnv } from "@/server/env";
import { webhookQueueName } from "@/server/domain/webhook-lanes";
import { enqueueJob } from "@/server/jobs/enqueue";
import { deliverWebhook as deliverWebhookJob } from "@/server/jobs/tasks/payment-jobs";
import { blockedReason, guardedDispatcher, outboundPolicy } from "@/server/net/outbound-guard";
import { logger } from "@/server/observability/logger";
import { decryptSecret, secretContext } from "@/server/secrets";
import { fetch } from "undici";
import { checkNotifyUrl } from "./notify-url-guard";

const TIMEOUT_MS = 10_000;
const SNIPPET = 500;

export type AttemptOutcome = { statusCode: number | null; snippet: string | null; error: string | null; latencyMs: number; delivered: boolean };

/**
 * POSTs the signed envelope of an event once, and says what came back. Never throws. The URL is
 * checked by the SSRF guard first (a clear reason in the log), and the connection itself goes
 * through the guard again (DNS answers that change after the check are caught there); redirects
 * are not followed.
 */
export async function attemptDelivery(
  url: string,
  app: { id: string; mode: "TEST" | "LIVE"; secretEnc: string },
  event: { id: string; type: string; createdAt: Date; data: unknown },
): Promise<AttemptOutcome> {
  const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.data });
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  let statusCode: number | null = null;
  let snippet: string | null = null;
  let error: string | null = await checkNotifyUrl(url, app.mode);
  if (!error) {
    try {
      const response = await fetch(url, {
        method: "POST",
        redirect: "manual",
        dispatcher: guardedDispatcher(outboundPolicy(app.mode)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          "content-type": "application/json",
          "user-agent": "PayCenter-Webhooks/1",
          "x-paycenter-event-id": event.id,
          "x-paycenter-signature": webhookSignature(decryptSecret(app.secretEnc, secretContext.appSecret(app.id)), body, timestamp),
        },
        body,
      });
      statusCode = response.status;
      snippet = (await response.text()).slice(0, SNIPPET);
    } catch (failure) {
      error = (failure as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : (blockedReason(failure) ?? (failure as Error).message);
    }
  }
  const latencyMs = Math.round(performance.now() - started);
  return { statusCode, snippet, error, latencyMs, delivered: statusCode !== null && statusCode >= 200 && statusCode < 300 };
}

/**
 * One delivery attempt of an event (job): POST the signed JSON envelope, count a 2xx within 10 s as
 * delivered, record the attempt (status, latency, first bytes of the answer), and otherwise schedule
 * the next try on the contract's schedule, then FAILED. A slow endpoint holds one job for at most
 * 10 s; other merchants' deliveries run beside it.
 */
export async function deliverWebhook(deliveryId: string): Promise<void> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { event: true } });
  if (!delivery || delivery.status !== "PENDING") return;
  const app = await db.app.findUniqueOrThrow({ where: { id: delivery.appId }, select: { id: true, mode: true, secretEnc: true } });
  const { statusCode, snippet, error, latencyMs, delivered } = await attemptDelivery(delivery.url, app, delivery.event);
  const attemptCount = delivery.attemptCount + 1;
  const retryIn = WEBHOOK_RETRY_SECONDS[attemptCount - 1];

  await db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: { deliveryId, statusCode, latencyMs, responseSnippet: snippet, error } });
    const nextAttemptAt = delivered || retryIn === undefined ? null : new Date(Date.now() + retryIn * 1000 * loadEnv().WEBHOOK_TIME_SCALE);
    const changed = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, status: "PENDING", attemptCount: delivery.attemptCount },
      data: {
        attemptCount,
        status: delivered ? "SUCCEEDED" : nextAttemptAt ? "PENDING" : "FAILED",
        deliveredAt: delivered ? new Date() : null,
        nextAttemptAt,
      },
    });
    if (changed.count === 1 && nextAttemptAt) {
      await enqueueJob(tx, deliverWebhookJob, { deliveryId }, { runAt: nextAttemptAt, queueName: webhookQueueName(delivery.appId, deliveryId) });
    }
  });
  if (!delivered) logger.info({ deliveryId, url: delivery.url, statusCode, error, attemptCount }, "webhook not delivered");
}
