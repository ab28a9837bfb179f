import { Gauge, Registry } from "prom-client";
import { readDb } from "@/server/read-db";
import { addHistograms, histogramQuantile, metricBucketOf } from "@/server/domain/channel-metrics";
import { jobQueueStats } from "@/server/services/alerts/measure-subjects";
import { flushChannelMetrics } from "./channel-metrics-recorder";

/** Windowed gauges (success rate, p95s, errors, risk decisions) cover the buckets of the last 15 minutes. */
export const SCRAPE_WINDOW_MINUTES = 15;

type AccountRow = {
  channelAccountId: string;
  channel: string;
  mchNo: string;
  started: number;
  succeeded: number;
  failed: number;
  calls: number;
  callErrors: number;
  callbacks: number;
  latencyHists: number[][] | null;
  callbackHists: number[][] | null;
};

/**
 * The gauges read from PostgreSQL at scrape time (docs/monitoring.md): every web node answers the same
 * numbers, whichever process recorded them. Each query reads an index (metric buckets by time, deliveries
 * by status, graphile's due jobs, differences and incidents by status, decisions by time), so a scrape
 * every 15–30 s stays cheap. Returned as Prometheus text, appended to the process's own metrics.
 */
export async function scrapeGauges(now = new Date()): Promise<string> {
  await flushChannelMetrics();
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
  const since = new Date(now.getTime() - SCRAPE_WINDOW_MINUTES * 60_000);
  const [accounts, webhooks, jobs, recon, risk, incidents] = await Promise.all([
    readDb.$queryRaw<AccountRow[]>`
      SELECT b."channelAccountId", b.channel, m."mchNo",
             sum(b.started)::int AS started, sum(b.succeeded)::int AS succeeded, sum(b.failed)::int AS failed,
             sum(b.calls)::int AS calls, sum(b."callErrors")::int AS "callErrors", sum(b.callbacks)::int AS callbacks,
             jsonb_agg(b."latencyHist") AS "latencyHists", jsonb_agg(b."callbackHist") AS "callbackHists"
      FROM "ChannelMetricBucket" b JOIN "Merchant" m ON m.id = b."merchantId"
      WHERE b.bucket >= ${metricBucketOf(since)} GROUP BY b."channelAccountId", b.channel, m."mchNo"`,
    readDb.$queryRaw<{ pending: number; oldestAgeSeconds: number }[]>`
      SELECT count(*)::int AS pending, coalesce(floor(extract(epoch FROM ${now}::timestamptz - min("createdAt"))), 0)::int AS "oldestAgeSeconds"
      FROM "WebhookDelivery" WHERE status = 'PENDING'`,
    jobQueueStats(now),
    readDb.$queryRaw<{ mchNo: string; open: number }[]>`
      SELECT m."mchNo", count(*)::int AS open FROM "ReconDifference" d JOIN "Merchant" m ON m.id = d."merchantId"
      WHERE d.status = 'OPEN' GROUP BY m."mchNo"`,
    readDb.$queryRaw<{ mchNo: string; action: string; decisions: number }[]>`
      SELECT m."mchNo", d.action::text AS action, count(*)::int AS decisions FROM "RiskDecision" d JOIN "Merchant" m ON m.id = d."merchantId"
      WHERE d."createdAt" >= ${since} GROUP BY m."mchNo", d.action`,
    readDb.$queryRaw<{ kind: string; owner: string; status: string; open: number }[]>`
      SELECT kind::text AS kind, CASE WHEN "merchantId" IS NULL THEN 'platform' ELSE 'merchant' END AS owner, status::text AS status, count(*)::int AS open
      FROM "AlertIncident" WHERE status <> 'RESOLVED' GROUP BY 1, 2, 3`,
  ]);

  const accountLabels = ["channel_account", "channel", "mch_no"];
  const attempts = gauge("paycenter_channel_attempts", `Payment attempts per channel account in the last ${SCRAPE_WINDOW_MINUTES} minutes, by outcome (started, succeeded, failed)`, [...accountLabels, "outcome"]);
  const successRate = gauge("paycenter_channel_success_rate_percent", `Succeeded / (succeeded + failed) attempts in the last ${SCRAPE_WINDOW_MINUTES} minutes, percent`, accountLabels);
  const calls = gauge("paycenter_channel_calls", `Channel API calls in the last ${SCRAPE_WINDOW_MINUTES} minutes`, accountLabels);
  const latency = gauge("paycenter_channel_call_latency_p95_ms", `p95 of channel API call latency in the last ${SCRAPE_WINDOW_MINUTES} minutes (upper bound of its histogram slot, ms)`, accountLabels);
  const callbacks = gauge("paycenter_channel_callbacks", `Verified payment callbacks in the last ${SCRAPE_WINDOW_MINUTES} minutes`, accountLabels);
  const callbackDelay = gauge("paycenter_channel_callback_delay_p95_ms", `p95 of the delay between an attempt's start and its callback, last ${SCRAPE_WINDOW_MINUTES} minutes (ms)`, accountLabels);
  const errors = gauge("paycenter_channel_call_errors", `Failed channel API calls in the last ${SCRAPE_WINDOW_MINUTES} minutes, by error code`, [...accountLabels, "code"]);
  for (const row of accounts) {
    const labels = { channel_account: row.channelAccountId, channel: row.channel, mch_no: row.mchNo };
    attempts.set({ ...labels, outcome: "started" }, row.started);
    attempts.set({ ...labels, outcome: "succeeded" }, row.succeeded);
    attempts.set({ ...labels, outcome: "failed" }, row.failed);
    if (row.succeeded + row.failed > 0) successRate.set(labels, (row.succeeded * 100) / (row.succeeded + row.failed));
    calls.set(labels, row.calls);
    callbacks.set(labels, row.callbacks);
    const p95 = histogramQuantile(addHistograms(...(row.latencyHists ?? [])), 0.95);
    if (p95 !== null) latency.set(labels, p95);
    const delay = histogramQuantile(addHistograms(...(row.callbackHists ?? [])), 0.95);
    if (delay !== null) callbackDelay.set(labels, delay);
  }
  const codes = await readDb.$queryRaw<{ channelAccountId: string; channel: string; mchNo: string; code: string; n: number }[]>`
    SELECT b."channelAccountId", b.channel, m."mchNo", e.key AS code, sum(e.value::int)::int AS n
    FROM "ChannelMetricBucket" b JOIN "Merchant" m ON m.id = b."merchantId", jsonb_each_text(b."errorCodes") e
    WHERE b.bucket >= ${metricBucketOf(since)} GROUP BY 1, 2, 3, 4`;
  for (const row of codes) errors.set({ channel_account: row.channelAccountId, channel: row.channel, mch_no: row.mchNo, code: row.code }, row.n);

  gauge("paycenter_webhook_backlog", "Webhook deliveries not yet delivered (PENDING)").set(webhooks[0]?.pending ?? 0);
  gauge("paycenter_webhook_backlog_oldest_age_seconds", "Age of the oldest undelivered webhook delivery").set(webhooks[0]?.oldestAgeSeconds ?? 0);
  gauge("paycenter_job_queue_depth", "Background jobs due and not taken by a worker").set(jobs[0]?.queued ?? 0);
  gauge("paycenter_job_queue_oldest_age_seconds", "How long the oldest due job has waited").set(jobs[0]?.oldestAgeSeconds ?? 0);
  const reconGauge = gauge("paycenter_recon_differences_open", "Open reconciliation differences per merchant", ["mch_no"]);
  for (const row of recon) reconGauge.set({ mch_no: row.mchNo }, row.open);
  const riskGauge = gauge("paycenter_risk_decisions", `Risk decisions in the last ${SCRAPE_WINDOW_MINUTES} minutes, by merchant and action`, ["mch_no", "action"]);
  for (const row of risk) riskGauge.set({ mch_no: row.mchNo, action: row.action }, row.decisions);
  const incidentGauge = gauge("paycenter_alert_incidents_open", "Alert incidents not resolved, by kind, owner (platform or merchant) and status", ["kind", "owner", "status"]);
  for (const row of incidents) incidentGauge.set({ kind: row.kind, owner: row.owner, status: row.status }, row.open);
  return registry.metrics();
}
