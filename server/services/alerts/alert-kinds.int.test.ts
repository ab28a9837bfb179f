import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import type { AlertKind } from "@/server/domain/alert-rule-schema";
import { metricBucketOf } from "@/server/domain/channel-metrics";
import type { ChannelAccount } from "@/server/generated/prisma/client.ts";
import { recordAttemptEnded, recordAttemptStarted, recordCallback, recordChannelCall } from "@/server/services/monitoring/channel-metrics-recorder";
import { ensureDefaultAlertRules } from "./default-rules";
import { evaluateAlerts } from "./evaluate-alerts";

process.env.ALERT_EVAL_SECONDS = "0";

let account: ChannelAccount;
let merchantId: string;
const T0 = Date.now();
/** Minutes after the test's start: each case evaluates at its own time, its data in its own window. */
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

beforeAll(async () => {
  await seedIfEmpty();
  account = await db.channelAccount.findFirstOrThrow({ where: { channel: "wechatpay" } });
  merchantId = account.merchantId;
  await evaluateAlerts(at(0)); // the default rules, nothing firing yet
});

/** Keeps only the merchant's rule of this kind enabled, with these params and window. */
async function onlyRule(kind: AlertKind, params: Record<string, number>, windowMinutes = 10) {
  await db.alertRule.updateMany({ data: { enabled: false } });
  const rule = await db.alertRule.findFirstOrThrow({ where: { merchantId, kind } });
  return db.alertRule.update({ where: { id: rule.id }, data: { enabled: true, params, windowMinutes } });
}

async function incidentsOf(ruleId: string) {
  return db.alertIncident.findMany({ where: { ruleId }, orderBy: { firstAt: "asc" } });
}

describe("each alert kind opens an incident over its threshold and resolves it back to normal", () => {
  it("ERROR_SPIKE: channel call errors by count and share, from the metric buckets", async () => {
    const rule = await onlyRule("ERROR_SPIKE", { minErrors: 5, minErrorRatePercent: 20 });
    const subject = { channelAccountId: account.id, merchantId, channel: account.channel };
    for (let i = 0; i < 10; i++) recordChannelCall(subject, 120, null, at(60));
    for (let i = 0; i < 4; i++) recordChannelCall(subject, 3_000, "SYSTEM_ERROR", at(60));
    expect((await evaluateAlerts(at(61))).opened).toBe(0); // 4 errors: under 5
    recordChannelCall(subject, 10_000, "ChannelTimeoutError", at(60));
    expect((await evaluateAlerts(at(62))).opened).toBe(1);
    expect(await incidentsOf(rule.id)).toMatchObject([{ status: "FIRING", value: 5, threshold: 5, subjectKey: `account:${account.id}` }]);
    // the bucket keeps the codes
    const bucket = await db.channelMetricBucket.findUniqueOrThrow({ where: { channelAccountId_bucket: { channelAccountId: account.id, bucket: metricBucketOf(at(60)) } } });
    expect(bucket).toMatchObject({ calls: 15, callErrors: 5, errorCodes: { SYSTEM_ERROR: 4, ChannelTimeoutError: 1 } });
    // 20 minutes later the window holds nothing: resolved
    expect((await evaluateAlerts(at(80))).resolved).toBe(1);
    expect(await incidentsOf(rule.id)).toMatchObject([{ status: "RESOLVED" }]);
  });

  it("NO_CALLBACKS: attempts started and no callback in the window", async () => {
    const rule = await onlyRule("NO_CALLBACKS", { minStarted: 3 }, 15);
    const subject = { channelAccountId: account.id, merchantId, channel: account.channel };
    for (let i = 0; i < 3; i++) recordAttemptStarted(subject, at(120));
    expect((await evaluateAlerts(at(121))).opened).toBe(1);
    recordCallback(subject, 800, at(122));
    expect((await evaluateAlerts(at(123))).resolved).toBe(1);
    expect((await incidentsOf(rule.id)).map((i) => i.status)).toEqual(["RESOLVED"]);
  });

  it("SUCCESS_RATE_DROP waits for minAttempts", async () => {
    const rule = await onlyRule("SUCCESS_RATE_DROP", { minRatePercent: 90, minAttempts: 10 });
    const subject = { channelAccountId: account.id, merchantId, channel: account.channel };
    for (let i = 0; i < 9; i++) recordAttemptEnded(subject, "failed", at(180));
    expect((await evaluateAlerts(at(181))).opened).toBe(0);
    recordAttemptEnded(subject, "failed", at(181));
    expect((await evaluateAlerts(at(182))).opened).toBe(1);
    expect(await incidentsOf(rule.id)).toMatchObject([{ value: 0, threshold: 90 }]);
  });

  it("WEBHOOK_FAILING: failed deliveries to one endpoint and none succeeded", async () => {
    const rule = await onlyRule("WEBHOOK_FAILING", { minFailures: 3 }, 30);
    const app = await db.app.findFirstOrThrow({ where: { merchantId } });
    const event = await db.event.create({ data: { id: `evt_alert_${T0}`, merchantId, appId: app.id, type: "pay_order.succeeded", data: {} } });
    const url = "https://merchant.example.com/hooks/paycenter?token=secret-token";
    const delivery = await db.webhookDelivery.create({ data: { eventId: event.id, merchantId, appId: app.id, url } });
    for (let i = 0; i < 3; i++) await db.webhookAttempt.create({ data: { deliveryId: delivery.id, statusCode: i === 0 ? null : 502, latencyMs: 10, error: "bad gateway", attemptedAt: at(240) } });
    expect((await evaluateAlerts(at(241))).opened).toBe(1);
    const [incident] = await incidentsOf(rule.id);
    expect(incident.subjectLabel).toBe("https://merchant.example.com/hooks/paycenter"); // never the token
    await db.webhookAttempt.create({ data: { deliveryId: delivery.id, statusCode: 200, latencyMs: 10, attemptedAt: at(242) } });
    expect((await evaluateAlerts(at(243))).resolved).toBe(1);
  });

  it("RISK_BLOCKS_SPIKE: blocks in the window", async () => {
    const rule = await onlyRule("RISK_BLOCKS_SPIKE", { minBlocks: 2 });
    const app = await db.app.findFirstOrThrow({ where: { merchantId } });
    const decision = (action: "ALLOW" | "BLOCK", minutes: number) =>
      db.riskDecision.create({ data: { merchantId, appId: app.id, checkpoint: "ORDER", action, hits: [], facts: {}, createdAt: at(minutes) } });
    await decision("BLOCK", 300);
    await decision("ALLOW", 300);
    expect((await evaluateAlerts(at(301))).opened).toBe(0);
    await decision("BLOCK", 301);
    expect((await evaluateAlerts(at(302))).opened).toBe(1);
    expect(await incidentsOf(rule.id)).toMatchObject([{ value: 2, subjectKey: `risk:${merchantId}` }]);
    expect((await evaluateAlerts(at(320))).resolved).toBe(1);
  });

  it("RECON_DIFFERENCES: open differences, resolved when none is left", async () => {
    const rule = await onlyRule("RECON_DIFFERENCES", { minOpen: 1 });
    const run = await db.reconRun.create({ data: { merchantId, appId: account.appId, channelAccountId: account.id, channel: account.channel, billDate: new Date("2026-12-01"), trigger: "test" } });
    const difference = await db.reconDifference.create({
      data: { merchantId, appId: account.appId, channelAccountId: account.id, channel: account.channel, runId: run.id, billDate: run.billDate, type: "MISSING_LOCAL", status: "OPEN", kind: "payment", outNo: `X${T0}`, currency: "CNY" },
    });
    expect((await evaluateAlerts(at(360))).opened).toBe(1);
    expect((await evaluateAlerts(at(361))).opened).toBe(0); // still open: the same incident, lastAt moves on
    expect(await incidentsOf(rule.id)).toMatchObject([{ status: "FIRING", lastAt: at(361) }]);
    await db.reconDifference.update({ where: { id: difference.id }, data: { status: "RESOLVED" } });
    expect((await evaluateAlerts(at(362))).resolved).toBe(1);
  });

  it("JOB_BACKLOG (platform only): due jobs nobody takes", async () => {
    await db.alertRule.updateMany({ data: { enabled: false } });
    expect(await db.alertRule.count({ where: { merchantId, kind: "JOB_BACKLOG" } })).toBe(0);
    const rule = await db.alertRule.findFirstOrThrow({ where: { merchantId: null, kind: "JOB_BACKLOG" } });
    await db.alertRule.update({ where: { id: rule.id }, data: { enabled: true, params: { maxQueued: 2, maxAgeSeconds: 3_600 } } });
    // no worker runs in this file: jobs added stay queued
    for (let i = 0; i < 3; i++) await db.$executeRaw`SELECT graphile_worker.add_job('cleanup-expired-keys', '{}'::json, run_at => now() - interval '1 minute')`;
    expect((await evaluateAlerts(new Date(Date.now() + 1_000))).opened).toBe(1);
    expect(await incidentsOf(rule.id)).toMatchObject([{ merchantId: null, subjectKey: "queue", value: 3, threshold: 2 }]);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
    expect((await evaluateAlerts(new Date(Date.now() + 1_000))).resolved).toBe(1);
  });

  it("a merchant's rule sees only its own subjects; the platform's sees every merchant's", async () => {
    const other = await db.channelAccount.findFirstOrThrow({ where: { merchantId: { not: merchantId } } });
    await ensureDefaultAlertRules(other.merchantId);
    await db.alertRule.updateMany({ data: { enabled: false } });
    await db.alertRule.updateMany({ where: { kind: "SUCCESS_RATE_DROP" }, data: { enabled: true, params: { minRatePercent: 50, minAttempts: 5 } } });
    const subject = { channelAccountId: account.id, merchantId, channel: account.channel };
    for (let i = 0; i < 5; i++) recordAttemptEnded(subject, "failed", at(600));
    await evaluateAlerts(at(601));
    const firing = await db.alertIncident.findMany({ where: { kind: "SUCCESS_RATE_DROP", status: "FIRING", lastAt: at(601) } });
    expect(firing.map((i) => [i.merchantId, i.subjectKey]).sort()).toEqual([[merchantId, `account:${account.id}`], [null, `account:${account.id}`]].sort());
    expect(await db.alertIncident.count({ where: { merchantId: other.merchantId } })).toBe(0);
  });

  it("a rule with broken params (edited by hand) does not stop the others", async () => {
    await db.alertRule.updateMany({ data: { enabled: false } });
    const broken = await db.alertRule.findFirstOrThrow({ where: { merchantId, kind: "ERROR_SPIKE" } });
    await db.alertRule.update({ where: { id: broken.id }, data: { enabled: true, params: { minErrors: "many" } } });
    const rule = await onlyRule("RISK_BLOCKS_SPIKE", { minBlocks: 1 });
    await db.alertRule.update({ where: { id: broken.id }, data: { enabled: true } });
    const app = await db.app.findFirstOrThrow({ where: { merchantId } });
    await db.riskDecision.create({ data: { merchantId, appId: app.id, checkpoint: "ORDER", action: "BLOCK", hits: [], facts: {}, createdAt: at(500) } });
    const summary = await evaluateAlerts(at(501));
    expect(summary.opened).toBe(1);
    expect((await incidentsOf(rule.id)).filter((i) => i.status === "FIRING")).toHaveLength(1);
  });
});
