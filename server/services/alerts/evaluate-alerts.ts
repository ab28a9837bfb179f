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
  await ensureDefaultRulesForAll();

  const rules = await db.alertRule.findMany({ where: { enabled: true }, orderBy: { createdAt: "asc" } });
  // the unresolved incidents, read through the partial unique index (its predicate is this WHERE)
  const open = await db.$queryRaw<(OpenIncident & { ruleId: string })[]>`
    SELECT id, "ruleId", "subjectKey", "subjectLabel", "merchantId" FROM "AlertIncident" WHERE status <> 'RESOLVED'`;
  const openByRule = new Map<string, OpenIncident[]>();
  for (const incident of open) {
    const list = openByRule.get(incident.ruleId);
    if (list) list.push(incident);
    else openByRule.set(incident.ruleId, [incident]);
  }
  // One measurement per (kind, window) for every owner at once, shared by the platform's rule and every
  // merchant's: the cost of an evaluation grows with the kinds and windows in use, not with the merchants.
  const measurements = new Map<string, Promise<Measurement>>();
  const measureAll = (kind: AlertKind, windowMinutes: number) => {
    const key = `${kind}|${windowMinutes}`;
    if (!measurements.has(key)) measurements.set(key, measureSubjects({ kind, merchantId: null, windowMinutes, now }).then(byOwner));
    return measurements.get(key)!;
  };
  const summary: EvaluationSummary = { rules: rules.length, opened: 0, resolved: 0, firing: 0 };
  const stillFiring: StillFiring[] = [];
  for (const rule of rules) {
    try {
      const measurement = await measureAll(rule.kind as AlertKind, rule.windowMinutes);
      const measured = rule.merchantId === null ? measurement.all : (measurement.byMerchant.get(rule.merchantId) ?? []);
      await evaluateRule(rule, measured, openByRule.get(rule.id) ?? [], now, summary, stillFiring);
    } catch (error) {
      // one broken rule (params edited by hand in the database) must not stop the others
      logger.error({ err: error, ruleId: rule.id }, "alert rule could not be evaluated");
    }
  }
  await refreshFiring(stillFiring, now);
  return summary;
}

type StillFiring = { id: string; value: number | null; threshold: number; summary: string };

/** Open incidents still firing: lastAt, value and summary follow, in one statement (not a transaction per incident). */
async function refreshFiring(incidents: StillFiring[], now: Date): Promise<void> {
  for (let i = 0; i < incidents.length; i += 1000) {
    await db.$executeRaw`
      UPDATE "AlertIncident" AS a SET "lastAt" = ${now}, value = r.value, threshold = r.threshold, summary = r.summary
      FROM jsonb_to_recordset(${JSON.stringify(incidents.slice(i, i + 1000))}::jsonb) AS r(id text, value float8, threshold float8, summary text)
      WHERE a.id = r.id AND a.status <> 'RESOLVED'`;
  }
}

/** Merchants given their default rules per evaluation (≈ 15 ms each): a first run on a large installation backfills over a few minutes. */
const DEFAULTS_PER_RUN = 500;

/** The platform, and active merchants that have no rule yet, get the default rules (one query finds them). */
async function ensureDefaultRulesForAll(): Promise<void> {
  if ((await db.alertRule.count({ where: { merchantId: null } })) === 0) await ensureDefaultAlertRules(null);
  const without = await db.$queryRaw<{ id: string }[]>`
    SELECT m.id FROM "Merchant" m
    WHERE m.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM "AlertRule" r WHERE r."merchantId" = m.id)
    ORDER BY m."createdAt" LIMIT ${DEFAULTS_PER_RUN}`;
  for (const { id } of without) await ensureDefaultAlertRules(id);
}

type Measurement = { all: MeasuredSubject[]; byMerchant: Map<string, MeasuredSubject[]> };

function byOwner(all: MeasuredSubject[]): Measurement {
  const byMerchant = new Map<string, MeasuredSubject[]>();
  for (const subject of all) {
    if (subject.merchantId === null) continue;
    const list = byMerchant.get(subject.merchantId);
    if (list) list.push(subject);
    else byMerchant.set(subject.merchantId, [subject]);
  }
  return { all, byMerchant };
}

type OpenIncident = { id: string; subjectKey: string; subjectLabel: string; merchantId: string | null };

async function evaluateRule(
  rule: AlertRule,
  measured: MeasuredSubject[],
  open: OpenIncident[],
  now: Date,
  summary: EvaluationSummary,
  stillFiring: StillFiring[],
): Promise<void> {
  const kind = rule.kind as AlertKind;
  const params = alertParamsSchemas[kind].parse(rule.params) as AlertParams;
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
      if (incident) stillFiring.push({ id: incident.id, value: judgement.value, threshold: judgement.threshold, summary: summaryOf(judgement) });
      else if (await fire(rule, subject, judgement, now)) summary.opened++;
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
