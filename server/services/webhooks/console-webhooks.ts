import { db } from "@/server/db";
import { newEventId } from "@/server/domain/ids";
import { AppError } from "@/server/errors";
import { webhookQueueName } from "@/server/domain/webhook-lanes";
import { enqueueJob } from "@/server/jobs/enqueue";
import { deliverWebhook } from "@/server/jobs/tasks/payment-jobs";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { notifyUrlFor } from "@/server/services/events/record-event";
import { attemptDelivery } from "./deliver-webhook";
import { checkNotifyUrl } from "./notify-url-guard";

const PAGE = 30;

/** The delivery log of one of the merchant's apps (the first when none is asked for), newest first, with each delivery's attempts. */
export async function listDeliveries(merchantId: string, filters: { appId?: string; status?: "PENDING" | "SUCCEEDED" | "FAILED"; before?: Date }) {
  const apps = await db.app.findMany({ where: { merchantId }, select: { id: true, name: true, mode: true, notifyUrl: true }, orderBy: { createdAt: "asc" } });
  const app = apps.find((a) => a.id === filters.appId) ?? apps[0];
  if (!app) return { apps, app: null, deliveries: [], nextBefore: null };
  const rows = await db.webhookDelivery.findMany({
    where: {
      merchantId,
      appId: app.id,
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.before ? { createdAt: { lt: filters.before } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: PAGE + 1,
    include: {
      event: { select: { id: true, type: true, payOrderNo: true, refundNo: true } },
      attempts: { orderBy: { id: "desc" }, take: 20 },
    },
  });
  const page = rows.slice(0, PAGE);
  return { apps, app, deliveries: page, nextBefore: rows.length > PAGE ? (page.at(-1)?.createdAt ?? null) : null };
}

/**
 * Resends an event (console): a new delivery to where the event goes today (the refund's, the order's or the
 * app's notify URL), with the full retry schedule of its own. The earlier deliveries stay in the log.
 */
export async function resendEvent(merchantId: string, eventId: string, actor: AuditActor) {
  return db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId } });
    if (!event || event.merchantId !== merchantId) throw new AppError("NOT_FOUND", "no such event");
    if (event.type === "webhook.test") throw new AppError("CONFLICT", "test events are not resent; send a new one");
    const url = await notifyUrlFor(tx, { appId: event.appId, payOrderNo: event.payOrderNo ?? undefined, refundNo: event.refundNo ?? undefined });
    if (!url) throw new AppError("CONFLICT", "neither the order nor the app has a notify URL");
    const delivery = await tx.webhookDelivery.create({ data: { eventId, merchantId, appId: event.appId, url } });
    await enqueueJob(tx, deliverWebhook, { deliveryId: delivery.id }, { queueName: webhookQueueName(event.appId, delivery.id) });
    await recordAudit(tx, actor, { merchantId, action: "webhook.resent", targetType: "event", targetId: eventId, after: { deliveryId: delivery.id, url } });
    return delivery;
  });
}

/**
 * "Send test event": a signed `webhook.test` event POSTed once, now, to the URL given (or the app's default),
 * so a developer sees at once whether the endpoint answers and verifies. Recorded in the delivery log; never
 * retried, never in the event feed.
 */
export async function sendTestEvent(merchantId: string, appId: string, url: string | undefined, actor: AuditActor) {
  const app = await db.app.findUnique({ where: { id: appId }, select: { id: true, merchantId: true, mode: true, secretEnc: true, notifyUrl: true } });
  if (!app || app.merchantId !== merchantId) throw new AppError("NOT_FOUND", "no such app");
  const target = url ?? app.notifyUrl;
  if (!target) throw new AppError("VALIDATION_FAILED", "give a URL: the app has no default notify URL", { field: "url" });
  const guard = await checkNotifyUrl(target, app.mode);
  if (guard) throw new AppError("VALIDATION_FAILED", guard, { field: "url" });

  const event = await db.event.create({
    data: { id: newEventId(), merchantId, appId, type: "webhook.test", data: { message: "PayCenter test event", appId } },
  });
  const outcome = await attemptDelivery(target, app, event);
  await db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.create({
      data: {
        eventId: event.id,
        merchantId,
        appId,
        url: target,
        status: outcome.delivered ? "SUCCEEDED" : "FAILED",
        attemptCount: 1,
        deliveredAt: outcome.delivered ? new Date() : null,
      },
    });
    await tx.webhookAttempt.create({
      data: { deliveryId: delivery.id, statusCode: outcome.statusCode, latencyMs: outcome.latencyMs, responseSnippet: outcome.snippet, error: outcome.error },
    });
    await recordAudit(tx, actor, { merchantId, action: "webhook.test_sent", targetType: "app", targetId: appId, after: { url: target, statusCode: outcome.statusCode } });
  });
  return { eventId: event.id, url: target, ...outcome };
}
