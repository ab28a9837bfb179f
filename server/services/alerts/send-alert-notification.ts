import { db, type Tx } from "@/server/db";
import { alertMessageZh, type AlertJudgement } from "@/server/domain/alert-evaluation";
import type { AlertKind, AlertTargetKind } from "@/server/domain/alert-rule-schema";
import { loadEnv } from "@/server/env";
import type { AlertIncident } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { sendAlertNotificationJob } from "@/server/jobs/tasks/alert-jobs";
import { logger } from "@/server/observability/logger";
import { sendToTarget } from "./notifiers";
import { openTargetConfig } from "./target-config";

/** Robots take 20 messages a minute (DingTalk 90030, WeCom 130101 beyond it); e-mail is held to the same. */
export const TARGET_MESSAGES_PER_MINUTE = 20;
/** Seconds before each retry of a failed send (× ALERT_RETRY_TIME_SCALE); then FAILED. */
export const ALERT_RETRY_SECONDS = [10, 30, 120, 600] as const;

export type SendOutcome = "SENT" | "DROPPED" | "RETRYING" | "FAILED" | "SKIPPED";

type Claim =
  | { kind: "done"; outcome: SendOutcome }
  | { kind: "send"; attempts: number; incident: AlertIncident; target: { id: string; kind: AlertTargetKind; configEnc: string }; event: "FIRING" | "RESOLVED" };

/**
 * Sends one notification (the job). Under a per-target lock in PostgreSQL, so every web and worker node
 * agrees: a target that was sent TARGET_MESSAGES_PER_MINUTE messages in the last minute gets no more — a
 * new notification is DROPPED (an alert storm must not get the robot throttled for 10 minutes), a retry
 * waits a minute. Otherwise the slot is taken (sentAt) and the message goes out outside the transaction;
 * a failure is retried after ALERT_RETRY_SECONDS, then FAILED. Returns what happened.
 */
export async function sendAlertNotification(notificationId: string): Promise<SendOutcome> {
  const claim = await claimSlot(notificationId);
  if (claim.kind === "done") return claim.outcome;
  const { incident, target, event, attempts } = claim;
  try {
    const message = await composeMessage(incident, event);
    await sendToTarget(target.kind, openTargetConfig(target), message);
  } catch (error) {
    const reason = ((error as Error).message || "send failed").slice(0, 500);
    const retryIn = ALERT_RETRY_SECONDS[attempts - 1];
    logger.warn({ notificationId, targetId: target.id, attempts, reason }, "alert notification not sent");
    return db.$transaction(async (tx) => {
      if (retryIn === undefined) {
        await tx.alertNotification.updateMany({ where: { id: notificationId, status: "PENDING" }, data: { status: "FAILED", error: reason } });
        return "FAILED" as const;
      }
      await tx.alertNotification.updateMany({ where: { id: notificationId, status: "PENDING" }, data: { error: reason } });
      await retryLater(tx, notificationId, retryIn * loadEnv().ALERT_RETRY_TIME_SCALE);
      return "RETRYING" as const;
    });
  }
  await db.alertNotification.updateMany({ where: { id: notificationId, status: "PENDING" }, data: { status: "SENT", error: null } });
  return "SENT";
}

async function claimSlot(notificationId: string): Promise<Claim> {
  return db.$transaction(async (tx): Promise<Claim> => {
    const notification = await tx.alertNotification.findUnique({ where: { id: notificationId }, include: { incident: true } });
    if (!notification || notification.status !== "PENDING") return { kind: "done", outcome: "SKIPPED" };
    // one sender per target at a time decides on its slots (any node)
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`alert-target:${notification.targetId}`}))`;
    const target = await tx.alertTarget.findUnique({ where: { id: notification.targetId }, select: { id: true, kind: true, configEnc: true, enabled: true } });
    if (!target || !target.enabled) {
      await tx.alertNotification.updateMany({ where: { id: notificationId, status: "PENDING" }, data: { status: "FAILED", error: "the target was removed or disabled" } });
      return { kind: "done", outcome: "FAILED" };
    }
    const now = new Date();
    const recent = await tx.alertNotification.count({ where: { targetId: target.id, sentAt: { gt: new Date(now.getTime() - 60_000) }, id: { not: notificationId } } });
    if (recent >= TARGET_MESSAGES_PER_MINUTE) {
      if (notification.attempts === 0) {
        await tx.alertNotification.updateMany({
          where: { id: notificationId, status: "PENDING" },
          data: { status: "DROPPED", error: `over ${TARGET_MESSAGES_PER_MINUTE} messages a minute to this target` },
        });
        return { kind: "done", outcome: "DROPPED" };
      }
      await retryLater(tx, notificationId, 60);
      return { kind: "done", outcome: "RETRYING" };
    }
    const claimed = await tx.alertNotification.updateMany({
      where: { id: notificationId, status: "PENDING", attempts: notification.attempts },
      data: { sentAt: now, attempts: notification.attempts + 1 },
    });
    if (claimed.count === 0) return { kind: "done", outcome: "SKIPPED" };
    return { kind: "send", attempts: notification.attempts + 1, incident: notification.incident, target, event: notification.event === "RESOLVED" ? "RESOLVED" : "FIRING" };
  });
}

function retryLater(tx: Tx, notificationId: string, seconds: number) {
  return enqueueJob(tx, sendAlertNotificationJob, { notificationId }, { jobKey: `alert-notification:${notificationId}`, runAt: new Date(Date.now() + seconds * 1000) });
}

function unitOf(kind: AlertKind, summary: string): AlertJudgement["unit"] {
  if (kind === "SUCCESS_RATE_DROP") return "percent";
  return summary.endsWith(" s") ? "seconds" : "count";
}

/** The Chinese message of an incident's event, with the rule's name and window and the console page that handles it. */
async function composeMessage(incident: AlertIncident, event: "FIRING" | "RESOLVED"): Promise<{ title: string; text: string }> {
  const [rule, merchant] = await Promise.all([
    db.alertRule.findUnique({ where: { id: incident.ruleId }, select: { name: true, windowMinutes: true } }),
    incident.merchantId ? db.merchant.findUnique({ where: { id: incident.merchantId }, select: { mchNo: true } }) : null,
  ]);
  const base = loadEnv().PUBLIC_BASE_URL.replace(/\/$/, "");
  const link = incident.merchantId ? (merchant ? `${base}/console/${merchant.mchNo}/monitoring` : null) : `${base}/admin/monitoring`;
  const kind = incident.kind as AlertKind;
  return alertMessageZh({
    event,
    kind,
    ruleName: rule?.name ?? kind,
    subjectLabel: incident.subjectLabel,
    value: incident.value,
    threshold: incident.threshold ?? 0,
    unit: unitOf(kind, incident.summary),
    windowMinutes: rule?.windowMinutes ?? 0,
    at: event === "RESOLVED" ? (incident.resolvedAt ?? incident.lastAt) : incident.firstAt,
    link,
  });
}
