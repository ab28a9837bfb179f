import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { resetEnvCache } from "@/server/env";
import type { ChannelAccount } from "@/server/generated/prisma/client.ts";
import { settleTrade } from "@/server/sandbox/trades";
import type { SandboxFaults } from "@/server/sandbox/faults";
import { queryAttempt } from "@/server/services/payments/query-attempt";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { evaluateAlerts } from "./evaluate-alerts";
import { notifyIncident } from "./notify-incident";
import { sealTargetConfig } from "./target-config";

// The test drives evaluation itself; the worker still runs the notification jobs.
process.env.ALERT_EVAL_SECONDS = "0";
process.env.ALERT_RETRY_TIME_SCALE = "0.001";
resetEnvCache();

type Received = { url: URL; body: { msgtype: string; markdown: { title: string; text: string } } };

/** A DingTalk robot on loopback: records every message and answers like DingTalk (errcode 0); `failNext` answers errors. */
async function startRobot() {
  const received: Received[] = [];
  let failNext = 0;
  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      if (failNext > 0) {
        failNext--;
        response.writeHead(500).end("busy");
        return;
      }
      received.push({ url: new URL(request.url ?? "/", "http://robot"), body: JSON.parse(raw) as Received["body"] });
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: `http://127.0.0.1:${port}/robot/send?access_token=test-token`,
    failNextRequests: (n: number) => (failNext = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SECRET = "SECtest0123456789abcdefABCDEF";

/** The signature as DingTalk checks it, computed here independently of the code under test. */
function expectedSign(timestamp: string): string {
  return createHmac("sha256", SECRET).update(`${timestamp}\n${SECRET}`).digest("base64");
}

let robot: Awaited<ReturnType<typeof startRobot>>;
let wx: ChannelAccount;
let merchantId: string;
let counter = 0;

const env = useDemoPaymentEnv(async () => {
  await db.app.update({ where: { id: DEMO_APP.id }, data: { repeatGuardSeconds: 0 } });
  invalidateApiApp();
});

beforeAll(async () => {
  robot = await startRobot();
  wx = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "wechatpay" } });
  merchantId = wx.merchantId;
});

afterAll(async () => {
  await robot?.close();
});

async function dingtalkTarget(owner: string | null, url = robot.url) {
  const id = randomUUID();
  return db.alertTarget.create({ data: { id, merchantId: owner, kind: "DINGTALK", name: "值班群", configEnc: sealTargetConfig(id, { url, secret: SECRET }) } });
}

async function setFaults(faults: Partial<SandboxFaults>) {
  await db.sandboxMerchant.update({ where: { channelAccountId: wx.id }, data: { faults } });
}

/** A consumer pays one order through the Open API and the sandbox payer page; the attempt ends through the callback or the status query. */
async function payOnce(): Promise<boolean> {
  const created = await env.api("/api/v1/pay-orders", { body: { mchOrderNo: `AL${Date.now()}${counter++}`, amount: 1200, subject: "Alert", mode: "native" } });
  expect(created.status).toBe(201);
  const attempt = await db.payment.findFirstOrThrow({ where: { payOrderNo: created.json.payOrderNo }, orderBy: { seq: "desc" } });
  expect(attempt.channelAccountId).toBe(wx.id);
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { channelAccountId: wx.id } });
  const trade = await db.sandboxTrade.findUniqueOrThrow({ where: { sandboxMerchantId_outTradeNo: { sandboxMerchantId: merchant.id, outTradeNo: attempt.attemptNo } } });
  await settleTrade(trade.id, "success");
  // a declined trade sends no callback: the status sync's query finds it (a success may arrive either way)
  await queryAttempt(attempt);
  const done = await db.payment.findUniqueOrThrow({ where: { attemptNo: attempt.attemptNo } });
  expect(["SUCCEEDED", "FAILED"]).toContain(done.status);
  return done.status === "SUCCEEDED";
}

/** Every notification queued so far has been handled by the worker (sent, dropped or failed). */
async function notificationsSettled() {
  await eventually(async () => (await db.alertNotification.count({ where: { status: "PENDING" } })) === 0, 20_000);
}

describe("an alert end to end (issue #18)", () => {
  it("60 % declines: exactly one signed DingTalk message for the window; after recovery exactly one 'resolved'", async () => {
    const target = await dingtalkTarget(merchantId);
    await evaluateAlerts(); // gives everyone the default rules
    const rule = await db.alertRule.findFirstOrThrow({ where: { merchantId, kind: "SUCCESS_RATE_DROP" } });
    await db.alertRule.update({ where: { id: rule.id }, data: { targetIds: [target.id], windowMinutes: 10, params: { minRatePercent: 70, minAttempts: 20 } } });

    await setFaults({ declinePerMille: 600 });
    let succeeded = 0;
    for (let i = 0; i < 30; i++) if (await payOnce()) succeeded++;
    expect(succeeded).toBeLessThan(21); // below 70 % of 30 (at a 60 % decline rate, 30 payments land here all but never)

    // two evaluators at once (two worker nodes): one incident per rule and subject, one message
    // (the platform's own rule watches the same account: its incident is the operators', without targets)
    const [first, second] = await Promise.all([evaluateAlerts(), evaluateAlerts()]);
    expect(first.opened + second.opened).toBe(await db.alertIncident.count());
    expect(await db.alertIncident.count({ where: { merchantId: null, kind: "SUCCESS_RATE_DROP", subjectKey: `account:${wx.id}` } })).toBe(1);
    await evaluateAlerts(); // still firing: nothing new
    const incidents = await db.alertIncident.findMany({ where: { ruleId: rule.id } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ status: "FIRING", subjectKey: `account:${wx.id}`, threshold: 70 });
    expect(incidents[0].value).toBe(Math.floor((succeeded * 100) / 30));

    await notificationsSettled();
    expect(robot.received).toHaveLength(1);
    const [firing] = robot.received;
    const timestamp = firing.url.searchParams.get("timestamp")!;
    expect(firing.url.searchParams.get("access_token")).toBe("test-token");
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(3_600_000);
    expect(firing.url.searchParams.get("sign")).toBe(expectedSign(timestamp));
    expect(firing.body.msgtype).toBe("markdown");
    expect(firing.body.markdown.title).toContain("【告警】支付成功率下降");
    expect(firing.body.markdown.text).toContain(`成功率：${incidents[0].value}%（阈值：低于 70%）`);
    expect(firing.body.markdown.text).toContain("最近 10 分钟");
    expect(firing.body.markdown.text).toMatch(/\/console\/M\d+\/monitoring\)/);

    // the fault is removed; successes come in until the window's rate is back (75 %, with the hysteresis)
    await setFaults({});
    let resolved = 0;
    for (let round = 0; round < 12 && resolved === 0; round++) {
      for (let i = 0; i < 10; i++) expect(await payOnce()).toBe(true);
      resolved = (await evaluateAlerts()).resolved;
    }
    expect(resolved).toBe(2); // the merchant's incident and the platform's, in the same evaluation
    await evaluateAlerts(); // normal: nothing new
    await notificationsSettled();
    expect(robot.received).toHaveLength(2);
    expect(robot.received[1].body.markdown.title).toContain("【已恢复】支付成功率下降");
    expect(robot.received[1].url.searchParams.get("sign")).toBe(expectedSign(robot.received[1].url.searchParams.get("timestamp")!));
    expect(await db.alertIncident.findUniqueOrThrow({ where: { id: incidents[0].id } })).toMatchObject({ status: "RESOLVED" });
    expect(await db.alertNotification.findMany({ where: { targetId: target.id }, orderBy: { createdAt: "asc" } })).toMatchObject([
      { event: "FIRING", status: "SENT", attempts: 1 },
      { event: "RESOLVED", status: "SENT", attempts: 1 },
    ]);
    // the channel metrics the evaluator read: the attempts, their calls and the callbacks of the successes
    const buckets = await db.channelMetricBucket.findMany({ where: { channelAccountId: wx.id } });
    const sum = (f: (b: (typeof buckets)[number]) => number) => buckets.reduce((n, b) => n + f(b), 0);
    expect(sum((b) => b.started)).toBeGreaterThanOrEqual(40);
    expect(sum((b) => b.succeeded + b.failed)).toBe(sum((b) => b.started));
    expect(sum((b) => b.calls)).toBeGreaterThanOrEqual(sum((b) => b.started) * 2); // a pay call and a query per payment
    expect(sum((b) => b.latencyHist.reduce((n, c) => n + c, 0))).toBe(sum((b) => b.calls));
    expect(sum((b) => b.callbacks)).toBeGreaterThan(0);
  }, 180_000);

  it("a storm: 25 incidents for one robot in a minute → 20 sent, 5 DROPPED; a failed send is retried", async () => {
    const target = await dingtalkTarget(null);
    const rule = await db.alertRule.create({ data: { merchantId: null, kind: "RECON_DIFFERENCES", name: "storm", params: { minOpen: 1 }, targetIds: [target.id] } });
    const before = robot.received.length;
    for (let i = 0; i < 25; i++) {
      await db.$transaction(async (tx) => {
        const incident = await tx.alertIncident.create({ data: { ruleId: rule.id, kind: "RECON_DIFFERENCES", subjectKey: `s${i}`, subjectLabel: `对象 ${i}`, value: 1, threshold: 1, summary: "1 / 1" } });
        expect(await notifyIncident(tx, rule, incident.id, "FIRING")).toBe(1);
        // the same event again queues nothing (unique per incident, target and event)
        expect(await notifyIncident(tx, rule, incident.id, "FIRING")).toBe(0);
      });
    }
    await notificationsSettled();
    const rows = await db.alertNotification.findMany({ where: { targetId: target.id } });
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(20);
    expect(rows.filter((r) => r.status === "DROPPED")).toHaveLength(5);
    expect(robot.received.length - before).toBe(20);

    // another robot answering 500 twice: the job retries with backoff and the third try is sent
    const flaky = await dingtalkTarget(null);
    await db.alertRule.update({ where: { id: rule.id }, data: { targetIds: [flaky.id] } });
    robot.failNextRequests(2);
    await db.$transaction(async (tx) => {
      const incident = await tx.alertIncident.create({ data: { ruleId: rule.id, kind: "RECON_DIFFERENCES", subjectKey: "flaky", subjectLabel: "对象", value: 1, threshold: 1, summary: "1 / 1" } });
      await notifyIncident(tx, { ...rule, targetIds: [flaky.id] }, incident.id, "FIRING");
    });
    await notificationsSettled();
    expect(await db.alertNotification.findFirstOrThrow({ where: { targetId: flaky.id } })).toMatchObject({ status: "SENT", attempts: 3, error: null });
  }, 60_000);
});
