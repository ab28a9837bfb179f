import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import { judgeAlert, type AlertJudgement } from "@/server/domain/alert-evaluation";
import { alertParamsSchemas, type AlertKind, type AlertParams } from "@/server/domain/alert-rule-schema";
import { loadEnv } from "@/server/env";
import type { AlertRule } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { evaluateAlertsJob } from "@/server/jobs/tasks/alert-jobs";
import { logger } from "@/server/observability/logger";
import { flushChannelMetrics } from "@/server/services/monitoring/channel-metrics-recorder";
import { ensureDefaultAlertRules } from "./default-rules";
import { emptyMeasure, type MeasuredSubject, measureSubjects } from "./measure-subjects";
import { notifyIncident } from "./notify-incident";

export type EvaluationSummary = { rules: number; opened: number; resolved: number; firing: number };

/**
 * One evaluation of every enabled alert rule at `now` (docs/adr/0020). For each rule and each subject
 * it watches: over the threshold → an incident is opened (at most one unresolved per rule and subject,
 * a unique index decides between concurrent evaluators) and its targets are notified, or the open one's
 * lastAt and value move on; back to normal → the open incident is resolved (compare-and-set) and the
 * targets are told. Notifications are rows plus a job, written in the incident's transaction.
 * The platform and every active merchant get the default rules first, once.
 */
export async function evaluateAlerts(now: Date = new Date()): Promise<EvaluationSummary> {
  // this process's last few seconds of channel metrics count too
  await flushChannelMetrics();
  await ensureDefaultAlertRules(null);
  const merchants = await db.merchant.findMany({ where: { status: "ACTIVE" }, select: { id: true } });
  for (const { id } of merchants) await ensureDefaultAlertRules(id);

  const rules = await db.alertRule.findMany({ where: { enabled: true }, orderBy: { createdAt: "asc" } });
  const summary: EvaluationSummary = { rules: rules.length, opened: 0, resolved: 0, firing: 0 };
  for (const rule of rules) {
    try {
      await evaluateRule(rule, now, summary);
    } catch (error) {
      // one broken rule (params edited by hand in the database) must not stop the others
      logger.error({ err: error, ruleId: rule.id }, "alert rule could not be evaluated");
    }
  }
  return summary;
}

async function evaluateRule(rule: AlertRule, now: Date, summary: EvaluationSummary): Promise<void> {
  const kind = rule.kind as AlertKind;
  const params = alertParamsSchemas[kind].parse(rule.params) as AlertParams;
  const measured = await measureSubjects({ kind, merchantId: rule.merchantId, windowMinutes: rule.windowMinutes, now });
  const open = await db.alertIncident.findMany({ where: { ruleId: rule.id, status: { not: "RESOLVED" } }, select: { id: true, subjectKey: true, subjectLabel: true, merchantId: true } });
  const openBySubject = new Map(open.map((incident) => [incident.subjectKey, incident]));
  const bySubject = new Map(measured.map((subject) => [subject.subjectKey, subject]));
  // an open incident's subject that had nothing in the window measures zeros (no attempts: no drop)
  for (const incident of open) {
    if (!bySubject.has(incident.subjectKey)) {
      bySubject.set(incident.subjectKey, { subjectKey: incident.subjectKey, subjectLabel: incident.subjectLabel, merchantId: incident.merchantId, measure: emptyMeasure(kind) });
    }
  }
  for (const subject of bySubject.values()) {
    const incident = openBySubject.get(subject.subjectKey);
    const judgement = judgeAlert(params, subject.measure, incident !== undefined);
    if (judgement.firing) {
      summary.firing++;
      if (await fire(rule, subject, judgement, now)) summary.opened++;
    } else if (incident && (await resolve(rule, incident.id, judgement, now))) {
      summary.resolved++;
    }
  }
}

function summaryOf(judgement: AlertJudgement): string {
  const unit = judgement.unit === "percent" ? "%" : judgement.unit === "seconds" ? " s" : "";
  return `${judgement.value ?? "—"}${unit} / ${judgement.threshold}${unit}`;
}

/** Opens the incident (true) or moves the open one on (false). */
async function fire(rule: AlertRule, subject: MeasuredSubject, judgement: AlertJudgement, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // The owner of a platform rule's incident is the platform (null); a merchant rule's, the merchant.
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "AlertIncident" (id, "ruleId", "merchantId", kind, "subjectKey", "subjectLabel", status, value, threshold, summary, "firstAt", "lastAt")
      VALUES (${randomUUID()}, ${rule.id}, ${rule.merchantId}, ${rule.kind}::"AlertKind", ${subject.subjectKey}, ${subject.subjectLabel}, 'FIRING',
              ${judgement.value}, ${judgement.threshold}, ${summaryOf(judgement)}, ${now}, ${now})
      ON CONFLICT ("ruleId", "subjectKey") WHERE status <> 'RESOLVED' DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) {
      await tx.alertIncident.updateMany({
        where: { ruleId: rule.id, subjectKey: subject.subjectKey, status: { not: "RESOLVED" } },
        data: { lastAt: now, value: judgement.value, threshold: judgement.threshold, summary: summaryOf(judgement) },
      });
      return false;
    }
    await notifyIncident(tx, rule, inserted[0].id, "FIRING");
    return true;
  });
}

/** Resolves an open incident (true), unless another evaluator or a person resolved it first. */
async function resolve(rule: AlertRule, incidentId: string, judgement: AlertJudgement, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const changed = await tx.alertIncident.updateMany({
      where: { id: incidentId, status: { in: ["FIRING", "ACKNOWLEDGED"] } },
      data: { status: "RESOLVED", resolvedAt: now, lastAt: now, value: judgement.value, summary: summaryOf(judgement) },
    });
    if (changed.count === 0) return false;
    await notifyIncident(tx, rule, incidentId, "RESOLVED");
    return true;
  });
}

/**
 * The job: evaluate, then — when ALERT_EVAL_SECONDS is under a minute — schedule the next run under one
 * job key (cron starts the chain again every minute should it break). ALERT_EVAL_SECONDS=0: off.
 */
export async function runAlertEvaluation(): Promise<void> {
  const seconds = loadEnv().ALERT_EVAL_SECONDS;
  if (seconds === 0) return;
  const summary = await evaluateAlerts();
  if (summary.opened || summary.resolved) logger.info(summary, "alerts evaluated");
  if (seconds < 60) {
    await db.$transaction((tx) => enqueueJob(tx, evaluateAlertsJob, {}, { jobKey: "evaluate-alerts", runAt: new Date(Date.now() + seconds * 1000) }));
  }
}
