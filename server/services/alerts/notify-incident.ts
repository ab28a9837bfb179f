import type { Tx } from "@/server/db";
import type { AlertRule } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { sendAlertNotificationJob } from "@/server/jobs/tasks/alert-jobs";

/**
 * In the transaction that opened or resolved an incident: one AlertNotification per enabled target of
 * the rule (the rule's owner's targets only) and the job that sends it. The row is unique per
 * (incident, target, event), so an event is never queued twice for a target.
 */
export async function notifyIncident(tx: Tx, rule: Pick<AlertRule, "merchantId" | "targetIds">, incidentId: string, event: "FIRING" | "RESOLVED"): Promise<number> {
  if (rule.targetIds.length === 0) return 0;
  const targets = await tx.alertTarget.findMany({ where: { id: { in: rule.targetIds }, merchantId: rule.merchantId, enabled: true }, select: { id: true } });
  if (targets.length === 0) return 0;
  const created = await tx.alertNotification.createManyAndReturn({
    data: targets.map((target) => ({ incidentId, targetId: target.id, event })),
    skipDuplicates: true,
    select: { id: true },
  });
  for (const { id } of created) await enqueueJob(tx, sendAlertNotificationJob, { notificationId: id }, { jobKey: `alert-notification:${id}` });
  return created.length;
}
