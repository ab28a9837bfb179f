import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { seedDemoAlerts } from "@/prisma/seed-alerts";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { openTargetConfig } from "@/server/services/alerts/target-config";
import { callerAs, outcome } from "@/server/testing/callers";

const DEMO = "M10000001";
const ACME = "M10000002";
const SECRET = "SEC0123456789abcdefABCDEF";
const TOKEN = "tok3n-that-must-never-leave";

beforeAll(async () => {
  await seedIfEmpty();
});

/** The AppError code a call fails with (ALREADY_DECIDED …), or its tRPC code, or "OK". */
async function appCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof AppError ? cause.code : ((error as { code?: string }).code ?? String(error));
  }
}

/** A rule update's field errors (as the form gets them), by field. */
async function fieldErrors(call: Promise<unknown>): Promise<string[]> {
  try {
    await call;
    return [];
  } catch (error) {
    const cause = (error as { cause?: { issues?: { path: PropertyKey[] }[] } }).cause;
    return (cause?.issues ?? []).map((i) => i.path.map(String).join("."));
  }
}

async function incident(merchantId: string | null, ruleId: string, subject = "acc-1") {
  const rule = await db.alertRule.findUniqueOrThrow({ where: { id: ruleId } });
  return db.alertIncident.create({ data: { ruleId, merchantId, kind: rule.kind, subjectKey: subject, subjectLabel: `微信支付 ${subject}`, summary: "成功率 40%", value: 40, threshold: 70 } });
}

describe("the alerts console: rules", () => {
  it("creates the defaults on the first look; operators' include the job backlog, merchants' do not", async () => {
    const owner = await callerAs("owner@demo.local");
    const { rules, mayManage } = await owner.alerts.rules({ mchNo: DEMO });
    expect(mayManage).toBe(true);
    expect(rules.map((r) => r.kind)).toEqual(["SUCCESS_RATE_DROP", "ERROR_SPIKE", "NO_CALLBACKS", "WEBHOOK_FAILING", "RISK_BLOCKS_SPIKE", "RECON_DIFFERENCES"]);
    expect((await owner.alerts.rules({ mchNo: DEMO })).rules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    const platform = await (await callerAs("admin@paycenter.local")).adminAlerts.rules();
    expect(platform.rules.map((r) => r.kind)).toContain("JOB_BACKLOG");
    expect((await (await callerAs("finance@demo.local")).alerts.rules({ mchNo: DEMO })).mayManage).toBe(false);
    expect(await outcome((await callerAs("viewer@demo.local")).alerts.rules({ mchNo: DEMO }))).toBe("FORBIDDEN");
  });

  it("saves thresholds, window, switch and targets; refuses each bad field by name", async () => {
    const owner = await callerAs("owner@demo.local");
    const rule = (await owner.alerts.rules({ mchNo: DEMO })).rules.find((r) => r.kind === "SUCCESS_RATE_DROP")!;
    const base = { kind: rule.kind, name: "成功率", windowMinutes: 10, enabled: true, targetIds: [] as string[], params: { minRatePercent: 90, minAttempts: 3 } };
    const saved = await owner.alerts.updateRule({ mchNo: DEMO, id: rule.id, rule: base });
    expect(saved).toMatchObject({ name: "成功率", params: { minRatePercent: 90, minAttempts: 3 } });
    const update = (r: Record<string, unknown>) => owner.alerts.updateRule({ mchNo: DEMO, id: rule.id, rule: { ...base, ...r } as typeof base });
    expect(await fieldErrors(update({ params: { minRatePercent: 0, minAttempts: 3 } }))).toEqual(["rule.params.minRatePercent"]);
    expect(await fieldErrors(update({ params: { minRatePercent: 101, minAttempts: 1.5 } }))).toEqual(["rule.params.minRatePercent", "rule.params.minAttempts"]);
    expect(await fieldErrors(update({ params: { minRatePercent: 50 } }))).toEqual(["rule.params.minAttempts"]);
    expect(await fieldErrors(update({ params: { minRatePercent: 50, minAttempts: 3, extra: 1 } }))).toEqual(["rule.params"]);
    expect(await fieldErrors(update({ windowMinutes: 4 }))).toEqual(["rule.windowMinutes"]);
    expect(await fieldErrors(update({ name: " " }))).toEqual(["rule.name"]);
    expect(await appCode(update({ kind: "ERROR_SPIKE", params: { minErrors: 1, minErrorRatePercent: 1 } }))).toBe("VALIDATION_FAILED");
    expect(await appCode(update({ kind: "JOB_BACKLOG", params: { maxQueued: 1, maxAgeSeconds: 1 } }))).toBe("FORBIDDEN");
    // a target of another merchant cannot be attached
    const acmeTarget = await (await callerAs("owner@acme.local")).alerts.createTarget({ mchNo: ACME, target: { kind: "WECOM", name: "Acme", enabled: true, config: { url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k" } } });
    expect(await appCode(update({ targetIds: [acmeTarget.id] }))).toBe("VALIDATION_FAILED");
    expect((await db.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).targetIds).toEqual([]);
    // a developer may change rules, finance may not; another merchant's owner cannot find it
    expect(await outcome((await callerAs("dev@demo.local")).alerts.updateRule({ mchNo: DEMO, id: rule.id, rule: base }))).toBe("OK");
    expect(await outcome((await callerAs("finance@demo.local")).alerts.updateRule({ mchNo: DEMO, id: rule.id, rule: base }))).toBe("FORBIDDEN");
    expect(await outcome((await callerAs("owner@acme.local")).alerts.updateRule({ mchNo: ACME, id: rule.id, rule: base }))).toBe("NOT_FOUND");
    const audit = await db.auditLog.findMany({ where: { targetId: rule.id, action: "alert_rule.updated" } });
    expect(audit.length).toBe(2);
  });
});

describe("the alerts console: targets", () => {
  it("keeps the robot's URL token and SEC secret write-only, validates each field, and scopes targets to their owner", async () => {
    const owner = await callerAs("owner@demo.local");
    const url = `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`;
    const bad = (config: Record<string, unknown>) => appCode(owner.alerts.createTarget({ mchNo: DEMO, target: { kind: "DINGTALK", name: "值班群", enabled: true, config } as never }));
    expect(await bad({ url, secret: "not-sec" })).toBe("BAD_REQUEST");
    expect(await bad({ url: "ftp://x", secret: SECRET })).toBe("BAD_REQUEST");
    expect(await bad({ url })).toBe("BAD_REQUEST");
    expect(await appCode(owner.alerts.createTarget({ mchNo: DEMO, target: { kind: "EMAIL", name: "邮件", enabled: true, config: { to: ["not-an-address"] } } }))).toBe("BAD_REQUEST");
    const { id } = await owner.alerts.createTarget({ mchNo: DEMO, target: { kind: "DINGTALK", name: "值班群", enabled: true, config: { url, secret: SECRET } } });
    const listed = await owner.alerts.targets({ mchNo: DEMO });
    const text = JSON.stringify(listed);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    expect(listed.targets.find((t) => t.id === id)).toMatchObject({ kind: "DINGTALK", name: "值班群", description: "oapi.dingtalk.com", enabled: true });
    const stored = await db.alertTarget.findUniqueOrThrow({ where: { id } });
    expect(stored.configEnc).not.toContain(TOKEN);
    // renaming without a config keeps the sealed one; a bad replacement is refused and changes nothing
    await owner.alerts.updateTarget({ mchNo: DEMO, id, name: "夜班群", enabled: false });
    expect(openTargetConfig(await db.alertTarget.findUniqueOrThrow({ where: { id } }))).toEqual({ url, secret: SECRET });
    expect(await appCode(owner.alerts.updateTarget({ mchNo: DEMO, id, name: "夜班群", enabled: true, config: { url, secret: "SECshort" } }))).toBe("VALIDATION_FAILED");
    expect((await db.alertTarget.findUniqueOrThrow({ where: { id } })).enabled).toBe(false);
    // another merchant neither sees, changes nor deletes it
    const acme = await callerAs("owner@acme.local");
    expect((await acme.alerts.targets({ mchNo: ACME })).targets.map((t) => t.id)).not.toContain(id);
    expect(await outcome(acme.alerts.updateTarget({ mchNo: ACME, id, name: "x", enabled: true }))).toBe("NOT_FOUND");
    expect(await outcome(acme.alerts.deleteTarget({ mchNo: ACME, id }))).toBe("NOT_FOUND");
    expect(await outcome((await callerAs("finance@demo.local")).alerts.deleteTarget({ mchNo: DEMO, id }))).toBe("FORBIDDEN");
    // attached to a rule, then deleted: the rule lets go of it
    const rule = (await owner.alerts.rules({ mchNo: DEMO })).rules.find((r) => r.kind === "ERROR_SPIKE")!;
    await owner.alerts.updateRule({ mchNo: DEMO, id: rule.id, rule: { kind: rule.kind, name: rule.name, windowMinutes: rule.windowMinutes, enabled: true, params: rule.params, targetIds: [id] } });
    expect((await owner.alerts.targets({ mchNo: DEMO })).targets.find((t) => t.id === id)?.usedBy).toBe(1);
    await owner.alerts.deleteTarget({ mchNo: DEMO, id });
    expect((await db.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).targetIds).toEqual([]);
    expect((await db.auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } })).map((a) => a.action)).toEqual(["alert_target.created", "alert_target.updated", "alert_target.deleted"]);
  });
});

describe("the alerts console: incidents and the bell", () => {
  it("acknowledges and resolves by compare-and-set: who and when kept, audited; a second resolve is ALREADY_DECIDED", async () => {
    const owner = await callerAs("owner@demo.local");
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: DEMO } });
    const rule = (await owner.alerts.rules({ mchNo: DEMO })).rules[0];
    const firing = await incident(merchant.id, rule.id, "ack-1");
    expect(await outcome((await callerAs("finance@demo.local")).alerts.acknowledge({ mchNo: DEMO, id: firing.id }))).toBe("FORBIDDEN");
    expect(await outcome((await callerAs("owner@acme.local")).alerts.resolve({ mchNo: ACME, id: firing.id }))).toBe("NOT_FOUND");
    await owner.alerts.acknowledge({ mchNo: DEMO, id: firing.id });
    expect(await appCode(owner.alerts.acknowledge({ mchNo: DEMO, id: firing.id }))).toBe("ALREADY_DECIDED");
    const dev = await callerAs("dev@demo.local");
    await dev.alerts.resolve({ mchNo: DEMO, id: firing.id });
    expect(await appCode(owner.alerts.resolve({ mchNo: DEMO, id: firing.id }))).toBe("ALREADY_DECIDED");
    const listed = (await (await callerAs("finance@demo.local")).alerts.incidents({ mchNo: DEMO })).incidents.find((i) => i.id === firing.id)!;
    expect(listed).toMatchObject({ status: "RESOLVED", acknowledgedBy: "店主 Olivia", resolvedBy: "开发 Deng" });
    expect(listed.acknowledgedAt).toBeInstanceOf(Date);
    expect(listed.resolvedAt).toBeInstanceOf(Date);
    const audit = await db.auditLog.findMany({ where: { targetId: firing.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["alert_incident.acknowledged", "alert_incident.resolved"]);
    // two people resolving at once: exactly one wins
    const twice = await incident(merchant.id, rule.id, "race-1");
    const results = await Promise.all([owner.alerts.resolve({ mchNo: DEMO, id: twice.id }), dev.alerts.resolve({ mchNo: DEMO, id: twice.id })].map(appCode));
    expect(results.sort()).toEqual(["ALREADY_DECIDED", "OK"]);
  });

  it("counts firing incidents in the bell, per owner, and marks them seen when opened", async () => {
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: ACME } });
    const acme = await callerAs("owner@acme.local");
    const rule = (await acme.alerts.rules({ mchNo: ACME })).rules[0];
    await db.alertIncident.updateMany({ where: { merchantId: merchant.id }, data: { status: "RESOLVED" } });
    const before = await acme.alerts.bell({ mchNo: ACME });
    const a = await incident(merchant.id, rule.id, "bell-a");
    await incident(merchant.id, rule.id, "bell-b");
    const bell = await acme.alerts.bell({ mchNo: ACME });
    expect(bell.firing).toBe(before.firing + 2);
    expect(bell.unseen).toBe(2);
    expect(bell.recent.slice(0, 2).map((i) => i.subjectLabel).sort()).toEqual(["微信支付 bell-a", "微信支付 bell-b"]);
    // the demo merchant's bell and the platform's do not count them
    const admin = await callerAs("admin@paycenter.local");
    expect((await admin.adminAlerts.bell()).recent.map((i) => i.id)).not.toContain(a.id);
    expect((await (await callerAs("owner@demo.local")).alerts.bell({ mchNo: DEMO })).recent.map((i) => i.id)).not.toContain(a.id);
    expect((await acme.alerts.markSeen({ mchNo: ACME })).marked).toBeGreaterThanOrEqual(2);
    const after = await acme.alerts.bell({ mchNo: ACME });
    expect(after).toMatchObject({ firing: before.firing + 2, unseen: 0 });
    // operators see every owner's incidents on their page, and may resolve a merchant's
    expect((await admin.adminAlerts.incidents({ scope: "all" })).incidents.find((i) => i.id === a.id)?.merchant).toMatchObject({ mchNo: ACME });
    expect((await admin.adminAlerts.incidents({ scope: "platform" })).incidents.map((i) => i.id)).not.toContain(a.id);
    await admin.adminAlerts.resolve({ id: a.id });
    expect((await acme.alerts.bell({ mchNo: ACME })).firing).toBe(before.firing + 1);
  });
});

describe("the alerts console: channel health", () => {
  it("reads success rate, p95 latency, callback delay and top error codes per channel account from the buckets", async () => {
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: DEMO } });
    const account = await db.channelAccount.findFirstOrThrow({ where: { merchantId: merchant.id, channel: "wechatpay" } });
    const now = new Date();
    const bucket = (minutesAgo: number) => new Date(Math.floor((now.getTime() - minutesAgo * 60_000) / 300_000) * 300_000);
    const hist = (counts: Record<number, number>) => Array.from({ length: 15 }, (_, i) => counts[i] ?? 0);
    await db.channelMetricBucket.createMany({
      data: [
        { channelAccountId: account.id, bucket: bucket(10), merchantId: merchant.id, channel: "wechatpay", succeeded: 9, failed: 1, started: 10, calls: 10, callErrors: 1, latencyHist: hist({ 1: 9, 5: 1 }), callbacks: 9, callbackHist: hist({ 2: 9 }), errorCodes: { SYSTEMERROR: 1 } },
        { channelAccountId: account.id, bucket: bucket(0), merchantId: merchant.id, channel: "wechatpay", succeeded: 1, failed: 9, started: 10, calls: 10, callErrors: 9, latencyHist: hist({ 1: 8, 5: 2 }), callbacks: 1, callbackHist: hist({ 2: 1 }), errorCodes: { BANKERROR: 6, SYSTEMERROR: 3 } },
        { channelAccountId: account.id, bucket: bucket(180), merchantId: merchant.id, channel: "wechatpay", succeeded: 100, failed: 0, started: 100, calls: 100, callErrors: 0, latencyHist: hist({ 0: 100 }), callbacks: 100, callbackHist: hist({ 0: 100 }), errorCodes: {} },
      ],
    });
    const finance = await callerAs("finance@demo.local");
    const hour = await finance.alerts.health({ mchNo: DEMO, range: "hour" });
    const row = hour.accounts.find((a) => a.channelAccountId === account.id)!;
    expect(row).toMatchObject({ name: account.name, succeeded: 10, failed: 10, successRate: 50, p95LatencyMs: 500, p95CallbackDelayMs: 50, callErrors: 10 });
    expect(row.topErrors).toEqual([{ code: "BANKERROR", count: 6 }, { code: "SYSTEMERROR", count: 4 }]);
    expect(hour.series.map((p) => p.rates[account.id])).toEqual([90, 10]);
    const day = await finance.alerts.health({ mchNo: DEMO, range: "day" });
    expect(day.accounts.find((a) => a.channelAccountId === account.id)).toMatchObject({ succeeded: 110, failed: 10, successRate: 91 });
    // another merchant's page has none of it
    expect((await (await callerAs("owner@acme.local")).alerts.health({ mchNo: ACME, range: "day" })).accounts.map((a) => a.channelAccountId)).not.toContain(account.id);
    expect(await outcome(finance.alerts.health({ mchNo: DEMO, range: "week" as "day" }))).toBe("BAD_REQUEST");
  });
});

describe("the alerts console: test messages", () => {
  it("sends a signed test message through the alerts' DingTalk notifier and answers in words, never the transport's error", async () => {
    const got: { url: string; body: string }[] = [];
    let answer = { errcode: 0, errmsg: "ok" };
    const robot = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        got.push({ url: req.url ?? "", body });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => robot.listen(0, "127.0.0.1", resolve));
    try {
      const port = (robot.address() as AddressInfo).port;
      const owner = await callerAs("owner@demo.local");
      const { id } = await owner.alerts.createTarget({ mchNo: DEMO, target: { kind: "DINGTALK", name: "测试群", enabled: true, config: { url: `http://127.0.0.1:${port}/robot/send?access_token=${TOKEN}`, secret: SECRET } } });
      expect(await owner.alerts.testTarget({ mchNo: DEMO, id })).toEqual({ ok: true });
      expect(got).toHaveLength(1);
      const url = new URL(got[0].url, "http://robot");
      const timestamp = url.searchParams.get("timestamp")!;
      expect(url.searchParams.get("sign")).toBe(createHmac("sha256", SECRET).update(`${timestamp}\n${SECRET}`).digest("base64"));
      expect(JSON.parse(got[0].body)).toMatchObject({ msgtype: "markdown", markdown: { title: expect.stringContaining("测试") } });
      // the robot refuses (bad signature, keyword …): a reason, not its errmsg
      answer = { errcode: 310000, errmsg: "sign not match, more: [https://ding-doc…]" };
      const refused = await owner.alerts.testTarget({ mchNo: DEMO, id });
      expect(refused).toEqual({ ok: false, reason: "refused" });
      // nobody listens there
      await new Promise((resolve) => robot.close(resolve));
      expect(await owner.alerts.testTarget({ mchNo: DEMO, id })).toEqual({ ok: false, reason: "unreachable" });
      // only the owner's managers may send one
      expect(await outcome((await callerAs("finance@demo.local")).alerts.testTarget({ mchNo: DEMO, id }))).toBe("FORBIDDEN");
      expect(await outcome((await callerAs("owner@acme.local")).alerts.testTarget({ mchNo: ACME, id }))).toBe("NOT_FOUND");
      expect((await db.auditLog.findMany({ where: { targetId: id, action: "alert_target.tested" } })).length).toBe(3);
    } finally {
      if (robot.listening) robot.close();
    }
  });
});

describe("the demo's alerts", () => {
  it("seeds the default rules and a switched-off DingTalk target at a made-up address, once", async () => {
    const merchant = await db.merchant.create({ data: { mchNo: "M10000099", name: "种子商户 Seeded", status: "ACTIVE" } });
    await seedDemoAlerts(merchant.id);
    await seedDemoAlerts(merchant.id);
    const targets = await db.alertTarget.findMany({ where: { merchantId: merchant.id, name: "运维值班群（示例）" } });
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ kind: "DINGTALK", enabled: false });
    expect(new URL((openTargetConfig(targets[0]) as { url: string }).url).hostname).toMatch(/\.invalid$/);
    const rule = await db.alertRule.findFirstOrThrow({ where: { merchantId: merchant.id, kind: "SUCCESS_RATE_DROP" } });
    expect(rule.targetIds).toEqual([targets[0].id]);
    expect(await db.alertRule.count({ where: { merchantId: null, kind: "JOB_BACKLOG" } })).toBe(1);
  });
});
