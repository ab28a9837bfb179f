import { createHash } from "node:crypto";
import { db } from "@/server/db";
import type { AlertMeasure } from "@/server/domain/alert-evaluation";
import type { AlertKind } from "@/server/domain/alert-rule-schema";
import { metricBucketOf } from "@/server/domain/channel-metrics";
import { replicaMonitor } from "@/server/read-db";

/** One thing a rule watches (a channel account, a webhook endpoint, the job queue…), measured over the rule's window. */
export type MeasuredSubject = { subjectKey: string; subjectLabel: string; merchantId: string | null; measure: AlertMeasure };

export type MeasureScope = {
  kind: AlertKind;
  /** The rule's owner: a merchant's rule sees its own subjects; a platform rule (null) sees everyone's. */
  merchantId: string | null;
  windowMinutes: number;
  now: Date;
};

/**
 * The subjects of one rule and their numbers now. Every query reads an index (ChannelMetricBucket by
 * bucket or merchant and bucket, RiskDecision by merchant, action and time, WebhookAttempt by time,
 * ReconDifference by merchant and status), so evaluating every minute stays cheap. Subjects with no data
 * in the window are not listed: the evaluator measures an open incident's subject as zeros (back to normal).
 */
export async function measureSubjects(scope: MeasureScope): Promise<MeasuredSubject[]> {
  const since = new Date(scope.now.getTime() - scope.windowMinutes * 60_000);
  switch (scope.kind) {
    case "SUCCESS_RATE_DROP":
    case "ERROR_SPIKE":
    case "NO_CALLBACKS":
      return channelAccountSubjects(scope, since);
    case "WEBHOOK_FAILING":
      return webhookSubjects(scope, since);
    case "JOB_BACKLOG":
      return jobQueueSubjects(scope);
    case "RISK_BLOCKS_SPIKE":
      return riskSubjects(scope, since);
    case "RECON_DIFFERENCES":
      return reconSubjects(scope);
    case "REPLICA_LAG":
      return replicaSubjects(scope);
    default:
      return scope.kind satisfies never;
  }
}

/** Zeros of a kind: what a subject that had nothing in the window measures. */
export function emptyMeasure(kind: AlertKind): AlertMeasure {
  switch (kind) {
    case "SUCCESS_RATE_DROP":
      return { kind, succeeded: 0, failed: 0 };
    case "ERROR_SPIKE":
      return { kind, calls: 0, errors: 0 };
    case "NO_CALLBACKS":
      return { kind, started: 0, callbacks: 0 };
    case "WEBHOOK_FAILING":
      return { kind, failures: 0, successes: 0 };
    case "JOB_BACKLOG":
      return { kind, queued: 0, oldestAgeSeconds: 0 };
    case "RISK_BLOCKS_SPIKE":
      return { kind, blocks: 0 };
    case "RECON_DIFFERENCES":
      return { kind, open: 0 };
    case "REPLICA_LAG":
      return { kind, up: true, lagSeconds: 0 };
    default:
      return kind satisfies never;
  }
}

type AccountRow = {
  channelAccountId: string;
  merchantId: string;
  name: string;
  channel: string;
  started: number;
  succeeded: number;
  failed: number;
  calls: number;
  callErrors: number;
  callbacks: number;
};

/**
 * Channel accounts from their 5-minute buckets. The window starts at the bucket holding `since`, so it
 * may reach up to 5 minutes further back than windowMinutes (buckets are the unit of storage).
 */
async function channelAccountSubjects(scope: MeasureScope, since: Date): Promise<MeasuredSubject[]> {
  const from = metricBucketOf(since);
  const rows = await db.$queryRaw<AccountRow[]>`
    SELECT b."channelAccountId", b."merchantId", a.name, b.channel,
           sum(b.started)::int AS started, sum(b.succeeded)::int AS succeeded, sum(b.failed)::int AS failed,
           sum(b.calls)::int AS calls, sum(b."callErrors")::int AS "callErrors", sum(b.callbacks)::int AS callbacks
    FROM "ChannelMetricBucket" b JOIN "ChannelAccount" a ON a.id = b."channelAccountId"
    WHERE b.bucket >= ${from} AND b.bucket <= ${scope.now} AND (${scope.merchantId}::text IS NULL OR b."merchantId" = ${scope.merchantId})
    GROUP BY b."channelAccountId", b."merchantId", a.name, b.channel`;
  return rows.map((r) => ({
    subjectKey: `account:${r.channelAccountId}`,
    subjectLabel: r.name, // the account's own name (e.g. "微信支付 · 沙箱"); never the channel code in the UI
    merchantId: r.merchantId,
    measure:
      scope.kind === "SUCCESS_RATE_DROP"
        ? { kind: scope.kind, succeeded: r.succeeded, failed: r.failed }
        : scope.kind === "ERROR_SPIKE"
          ? { kind: scope.kind, calls: r.calls, errors: r.callErrors }
          : { kind: "NO_CALLBACKS", started: r.started, callbacks: r.callbacks },
  }));
}

/** Webhook endpoints (an app's notify URL): deliveries attempted in the window, by outcome. */
async function webhookSubjects(scope: MeasureScope, since: Date): Promise<MeasuredSubject[]> {
  const rows = await db.$queryRaw<{ merchantId: string; appId: string; url: string; failures: number; successes: number }[]>`
    SELECT d."merchantId", d."appId", d.url,
           count(*) FILTER (WHERE a."statusCode" IS NULL OR a."statusCode" NOT BETWEEN 200 AND 299)::int AS failures,
           count(*) FILTER (WHERE a."statusCode" BETWEEN 200 AND 299)::int AS successes
    FROM "WebhookAttempt" a JOIN "WebhookDelivery" d ON d.id = a."deliveryId"
    WHERE a."attemptedAt" >= ${since} AND a."attemptedAt" <= ${scope.now} AND (${scope.merchantId}::text IS NULL OR d."merchantId" = ${scope.merchantId})
    GROUP BY d."merchantId", d."appId", d.url`;
  return rows.map((r) => ({
    subjectKey: `webhook:${r.appId}:${createHash("sha256").update(r.url).digest("hex").slice(0, 24)}`,
    subjectLabel: endpointLabel(r.url),
    merchantId: r.merchantId,
    measure: { kind: "WEBHOOK_FAILING", failures: r.failures, successes: r.successes },
  }));
}

/** An endpoint as a message may show it: scheme, host and path, never the query (it may carry a token). */
export function endpointLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

/** The job queue (platform rules only): jobs due and not taken, and how long the oldest has waited. */
async function jobQueueSubjects(scope: MeasureScope): Promise<MeasuredSubject[]> {
  if (scope.merchantId !== null) return [];
  const [row] = await jobQueueStats(scope.now);
  return [{ subjectKey: "queue", subjectLabel: "任务队列", merchantId: null, measure: { kind: "JOB_BACKLOG", queued: row.queued, oldestAgeSeconds: row.oldestAgeSeconds } }];
}

/**
 * The read replica (platform rules only), as the evaluating process's lag monitor samples it now (server/read-db.ts).
 * No replica configured: nothing to watch.
 */
async function replicaSubjects(scope: MeasureScope): Promise<MeasuredSubject[]> {
  const monitor = replicaMonitor();
  if (scope.merchantId !== null || !monitor) return [];
  const health = await monitor.checkNow();
  return [{ subjectKey: "replica", subjectLabel: "只读副本", merchantId: null, measure: { kind: "REPLICA_LAG", up: health.up, lagSeconds: health.lagSeconds } }];
}

/** Due jobs not yet taken by a worker (and not given up), and the age of the oldest (seconds). */
export function jobQueueStats(now: Date) {
  return db.$queryRaw<{ queued: number; oldestAgeSeconds: number }[]>`
    SELECT count(*)::int AS queued, coalesce(floor(extract(epoch FROM ${now}::timestamptz - min(run_at))), 0)::int AS "oldestAgeSeconds"
    FROM graphile_worker._private_jobs
    WHERE run_at <= ${now}::timestamptz AND locked_at IS NULL AND attempts < max_attempts`;
}

/** Risk decisions that blocked, per merchant, in the window. */
async function riskSubjects(scope: MeasureScope, since: Date): Promise<MeasuredSubject[]> {
  const rows = await db.$queryRaw<{ merchantId: string; name: string; blocks: number }[]>`
    SELECT d."merchantId", m.name, count(*)::int AS blocks
    FROM "RiskDecision" d JOIN "Merchant" m ON m.id = d."merchantId"
    WHERE d.action = 'BLOCK' AND d."createdAt" >= ${since} AND d."createdAt" <= ${scope.now}
      AND (${scope.merchantId}::text IS NULL OR d."merchantId" = ${scope.merchantId})
    GROUP BY d."merchantId", m.name`;
  return rows.map((r) => ({ subjectKey: `risk:${r.merchantId}`, subjectLabel: `${r.name} 风控拦截`, merchantId: r.merchantId, measure: { kind: "RISK_BLOCKS_SPIKE", blocks: r.blocks } }));
}

/** Open reconciliation differences per merchant (a standing count: the window does not apply). */
async function reconSubjects(scope: MeasureScope): Promise<MeasuredSubject[]> {
  const rows = await db.$queryRaw<{ merchantId: string; name: string; open: number }[]>`
    SELECT d."merchantId", m.name, count(*)::int AS open
    FROM "ReconDifference" d JOIN "Merchant" m ON m.id = d."merchantId"
    WHERE d.status = 'OPEN' AND (${scope.merchantId}::text IS NULL OR d."merchantId" = ${scope.merchantId})
    GROUP BY d."merchantId", m.name`;
  return rows.map((r) => ({ subjectKey: `recon:${r.merchantId}`, subjectLabel: `${r.name} 对账差异`, merchantId: r.merchantId, measure: { kind: "RECON_DIFFERENCES", open: r.open } }));
}
