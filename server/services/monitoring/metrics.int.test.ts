import { beforeAll, describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { HISTOGRAM_SLOTS, histogramSlot, metricBucketOf } from "@/server/domain/channel-metrics";
import type { ChannelAccount } from "@/server/generated/prisma/client.ts";
import { flushChannelMetrics, recordAttemptEnded, recordAttemptStarted, recordCallback, recordChannelCall } from "./channel-metrics-recorder";

let account: ChannelAccount;
let mchNo: string;

beforeAll(async () => {
  await seedIfEmpty();
  account = await db.channelAccount.findFirstOrThrow({ where: { channel: "wechatpay" } });
  mchNo = (await db.merchant.findUniqueOrThrow({ where: { id: account.merchantId } })).mchNo;
});

const subject = () => ({ channelAccountId: account.id, merchantId: account.merchantId, channel: account.channel });

/** The value of one sample line of a Prometheus text, by metric name and the labels it must carry. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return null;
}

describe("channel metrics", () => {
  it("flushes add to the stored bucket (another process's flush too): counts, histograms slot by slot, error codes", async () => {
    const now = new Date();
    recordAttemptStarted(subject(), now);
    recordChannelCall(subject(), 40, null, now);
    recordChannelCall(subject(), 3_000, "SYSTEM_ERROR", now);
    recordAttemptEnded(subject(), "succeeded", now);
    await flushChannelMetrics();
    // as if a second process flushed the same account and bucket
    recordAttemptStarted(subject(), now);
    recordChannelCall(subject(), 45, null, now);
    recordChannelCall(subject(), 200_000, "SYSTEM_ERROR", now);
    recordChannelCall(subject(), 5, "ORDERPAID", now);
    recordAttemptEnded(subject(), "failed", now);
    recordCallback(subject(), 1_500, now);
    await Promise.all([flushChannelMetrics(), flushChannelMetrics()]);
    await flushChannelMetrics(); // nothing left: changes nothing

    const row = await db.channelMetricBucket.findUniqueOrThrow({ where: { channelAccountId_bucket: { channelAccountId: account.id, bucket: metricBucketOf(now) } } });
    expect(row).toMatchObject({ merchantId: account.merchantId, channel: "wechatpay", started: 2, succeeded: 1, failed: 1, calls: 5, callErrors: 3, callbacks: 1 });
    expect(row.errorCodes).toEqual({ SYSTEM_ERROR: 2, ORDERPAID: 1 });
    const latency = new Array<number>(HISTOGRAM_SLOTS).fill(0);
    for (const ms of [40, 3_000, 45, 200_000, 5]) latency[histogramSlot(ms)]++;
    expect(row.latencyHist).toEqual(latency);
    expect(row.callbackHist[histogramSlot(1_500)]).toBe(1);
  });
});

describe("/api/metrics", () => {
  it("exposes the gauges read from the database beside the process's own metrics", async () => {
    const app = await db.app.findFirstOrThrow({ where: { merchantId: account.merchantId } });
    await db.riskDecision.createMany({
      data: [
        { merchantId: account.merchantId, appId: app.id, checkpoint: "ORDER", action: "BLOCK", hits: [], facts: {} },
        { merchantId: account.merchantId, appId: app.id, checkpoint: "ORDER", action: "BLOCK", hits: [], facts: {} },
        { merchantId: account.merchantId, appId: app.id, checkpoint: "PAY_ORDER", action: "REVIEW", hits: [], facts: {} },
      ],
    });
    const rule = await db.alertRule.create({ data: { merchantId: null, kind: "JOB_BACKLOG", name: "q", params: { maxQueued: 1, maxAgeSeconds: 60 }, targetIds: [] } });
    await db.alertIncident.create({ data: { ruleId: rule.id, kind: "JOB_BACKLOG", subjectKey: "queue", subjectLabel: "任务队列", summary: "2 / 1" } });
    await db.$executeRaw`SELECT graphile_worker.add_job('cleanup-expired-keys', '{}'::json, run_at => now() - interval '90 seconds')`;
    recordChannelCall(subject(), 40, null);

    const response = await metricsRoute(new Request("http://test/api/metrics"));
    expect(response.status).toBe(200);
    const text = await response.text();
    const labels = { channel_account: account.id, channel: "wechatpay", mch_no: mchNo };
    expect(sample(text, "paycenter_channel_attempts", { ...labels, outcome: "started" })).toBe(2);
    expect(sample(text, "paycenter_channel_success_rate_percent", labels)).toBe(50);
    expect(sample(text, "paycenter_channel_calls", labels)).toBe(6); // the call just recorded was flushed for the scrape
    expect(sample(text, "paycenter_channel_call_latency_p95_ms", labels)).toBe(300_000); // 6th of 6 calls: the 200 s one
    expect(sample(text, "paycenter_channel_callback_delay_p95_ms", labels)).toBe(2_500);
    expect(sample(text, "paycenter_channel_call_errors", { ...labels, code: "SYSTEM_ERROR" })).toBe(2);
    expect(sample(text, "paycenter_risk_decisions", { mch_no: mchNo, action: "BLOCK" })).toBe(2);
    expect(sample(text, "paycenter_risk_decisions", { mch_no: mchNo, action: "REVIEW" })).toBe(1);
    expect(sample(text, "paycenter_alert_incidents_open", { kind: "JOB_BACKLOG", owner: "platform", status: "FIRING" })).toBe(1);
    expect(text).toMatch(/^paycenter_job_queue_depth [1-9]\d*$/m);
    expect(Number(/^paycenter_job_queue_oldest_age_seconds (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(89);
    expect(text).toMatch(/^paycenter_webhook_backlog \d+$/m);
    expect(text).toContain("http_request_duration_seconds");
  });

  it("METRICS_TOKEN protects it", async () => {
    process.env.METRICS_TOKEN = "a-metrics-token-for-tests";
    try {
      expect((await metricsRoute(new Request("http://test/api/metrics"))).status).toBe(401);
      expect((await metricsRoute(new Request("http://test/api/metrics", { headers: { authorization: "Bearer a-metrics-token-for-tests" } }))).status).toBe(200);
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });
});
