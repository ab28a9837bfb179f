import { beforeAll, describe, expect, it } from "vitest";
import { createSandboxChannelAccount } from "@/prisma/seed";
import { db } from "@/server/db";
import { DEFAULT_PARAMS, EMPTY_CONDITIONS, type RouteRuleInput } from "@/server/domain/route-rule-schema";
import type { RouteDecision } from "@/server/domain/routing/types";
import type { ChannelAccount } from "@/server/generated/prisma/client.ts";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { settleTrade } from "@/server/sandbox/trades";
import { listCashierChannels } from "@/server/services/cashier/list-cashier-channels";
import { queryAttempt } from "@/server/services/payments/query-attempt";
import { callerAs, outcome } from "@/server/testing/callers";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import type { SandboxFaults } from "@/server/sandbox/faults";
import { eventually } from "@/server/testing/payment-fixtures";

const MCH = "M10000001";
let wx: ChannelAccount;
let wx2: ChannelAccount;
let ali: ChannelAccount;
let up: ChannelAccount;

const env = useDemoPaymentEnv(async () => {
  await db.app.update({ where: { id: DEMO_APP.id }, data: { repeatGuardSeconds: 0 } });
  invalidateApiApp();
});

beforeAll(async () => {
  wx = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "wechatpay" } });
  ali = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "alipay" } });
  up = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "unionpay" } });
  // A second WeChat Pay contract of the same app (another sandbox merchant), so two accounts serve `native`.
  wx2 = await createSandboxChannelAccount(wx.merchantId, DEMO_APP.id, "wechatpay", { name: "微信支付 · 备用", priority: 5, feeRateBps: 38 });
});

let counter = 0;
async function createOrder(body: Record<string, unknown> = {}) {
  return env.api("/api/v1/pay-orders", { body: { mchOrderNo: `RT${Date.now()}${counter++}`, amount: 5000, subject: "Routing", mode: "native", ...body } });
}

/** The owner saves a rule set: `rules` before the default rule, which is kept as it is. */
async function saveRules(rules: Partial<RouteRuleInput>[]) {
  const owner = await callerAs("owner@demo.local");
  const current = await owner.routing.rules({ mchNo: MCH, appId: DEMO_APP.id });
  const full = rules.map((r, i) => ({ name: `rule ${i}`, enabled: true, isDefault: false, conditions: EMPTY_CONDITIONS, strategy: "fixed" as const, params: DEFAULT_PARAMS, targets: [], ...r }));
  return owner.routing.save({ mchNo: MCH, appId: DEMO_APP.id, version: current.version, rules: [...full, current.rules.at(-1)!] });
}

/** Fault injection on one account's sandbox merchant (the app has two WeChat Pay accounts). */
async function setFaults(account: ChannelAccount, faults: Partial<SandboxFaults>) {
  await db.sandboxMerchant.update({ where: { channelAccountId: account.id }, data: { faults } });
}

const targets = (...accounts: ChannelAccount[]) => accounts.map((a) => ({ accountId: a.id, weight: 0 }));

/** One consumer paying an order routed by the rules: the sandbox confirms (subject to its decline rate), and the attempt is concluded by querying the channel. */
async function payOnce(): Promise<{ accountId: string; decision: RouteDecision; succeeded: boolean }> {
  const created = await createOrder();
  expect(created.status).toBe(201);
  const attempt = await db.payment.findFirstOrThrow({ where: { payOrderNo: created.json.payOrderNo }, orderBy: { seq: "desc" } });
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { channelAccountId: attempt.channelAccountId } });
  const trade = await db.sandboxTrade.findUniqueOrThrow({ where: { sandboxMerchantId_outTradeNo: { sandboxMerchantId: merchant.id, outTradeNo: attempt.attemptNo } } });
  await settleTrade(trade.id, "success");
  await queryAttempt(attempt);
  const done = await db.payment.findUniqueOrThrow({ where: { attemptNo: attempt.attemptNo } });
  expect(["SUCCEEDED", "FAILED"]).toContain(done.status);
  return { accountId: attempt.channelAccountId, decision: attempt.routeDecision as unknown as RouteDecision, succeeded: done.status === "SUCCEEDED" };
}

describe("routing Open API orders without a channel", () => {
  it("stores the decision on the attempt and the order; a changed rule applies to the next payment", async () => {
    const first = await createOrder();
    expect(first.status).toBe(201);
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: first.json.payOrderNo }, include: { payments: true } });
    const decision = order.routeDecision as unknown as RouteDecision;
    expect(decision.rule).toMatchObject({ isDefault: true, strategy: "fixed" });
    expect(decision.chosen).toMatchObject({ accountId: wx.id, mode: "native" });
    expect(decision.candidates.map((c) => [c.accountId, c.excluded ?? null])).toEqual([[wx.id, null], [wx2.id, null], [ali.id, "mode"], [up.id, "mode"]]);
    expect(order.payments[0].routeDecision).toEqual(order.routeDecision);

    const saved = await saveRules([{ name: "backup first", targets: targets(wx2, wx) }]);
    expect(saved.rules.map((r) => r.name)).toEqual(["backup first", "Default"]);
    const next = await createOrder();
    expect(next.json.attempts[0]).toMatchObject({ channel: "wechatpay" });
    const attempt = await db.payment.findFirstOrThrow({ where: { payOrderNo: next.json.payOrderNo } });
    expect(attempt.channelAccountId).toBe(wx2.id);
    expect((attempt.routeDecision as unknown as RouteDecision).rule?.name).toBe("backup first");
    const audits = await db.auditLog.findMany({ where: { action: { startsWith: "route_rule." } } });
    expect(audits.map((a) => a.action)).toContain("route_rule.created");
  });

  it("another process's change is seen on the next payment (the rules version)", async () => {
    await saveRules([{ name: "backup first", targets: targets(wx2, wx) }]);
    // as if another node saved: the rule changes and the version is bumped, this process's cache is not told
    const rule = await db.routeRule.findFirstOrThrow({ where: { appId: DEMO_APP.id, isDefault: false } });
    await db.$transaction([
      db.routeRule.update({ where: { id: rule.id }, data: { targets: targets(wx, wx2) } }),
      db.app.update({ where: { id: DEMO_APP.id }, data: { routeVersion: { increment: 1 } } }),
    ]);
    const created = await createOrder();
    expect((await db.payment.findFirstOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).channelAccountId).toBe(wx.id);
  });

  it("never sends traffic to a disabled account or one outside the mode", async () => {
    await saveRules([{ name: "split", strategy: "weighted", targets: [{ accountId: wx.id, weight: 50 }, { accountId: wx2.id, weight: 50 }] }]);
    await db.channelAccount.update({ where: { id: wx2.id }, data: { status: "DISABLED" } });
    try {
      const used = new Set<string>();
      for (let i = 0; i < 8; i++) {
        const created = await createOrder();
        used.add((await db.payment.findFirstOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).channelAccountId);
      }
      expect([...used]).toEqual([wx.id]);
      // Alipay serves no `native`: an Alipay-only rule falls through to the default rule
      await saveRules([{ name: "alipay only", targets: targets(ali) }]);
      const created = await createOrder();
      const attempt = await db.payment.findFirstOrThrow({ where: { payOrderNo: created.json.payOrderNo } });
      expect(attempt.channelAccountId).toBe(wx.id);
      expect((attempt.routeDecision as unknown as RouteDecision).skippedRules.map((r) => r.name)).toEqual(["alipay only"]);
      expect(await listCashierChannels(DEMO_APP.id, "desktop")).toEqual([{ channel: "alipay", mode: "pc" }, { channel: "wechatpay", mode: "native" }, { channel: "unionpay", mode: "pc" }]);
      await db.channelAccount.update({ where: { id: wx.id }, data: { status: "DISABLED" } });
      const refused = await createOrder();
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({ code: "VALIDATION_FAILED", field: "mode" });
      expect(await listCashierChannels(DEMO_APP.id, "desktop")).toEqual([{ channel: "alipay", mode: "pc" }, { channel: "unionpay", mode: "pc" }]);
    } finally {
      await db.channelAccount.updateMany({ where: { id: { in: [wx.id, wx2.id] } }, data: { status: "ENABLED" } });
    }
  });
});

describe("failover and the circuit breaker", () => {
  it("a 5xx on create moves on to the next account in the same request; repeated errors open the breaker", async () => {
    await saveRules([{ name: "main first", targets: targets(wx, wx2) }]);
    await setFaults(wx, { errorPerMille: 1000 });
    try {
      const created = await createOrder();
      expect(created.status).toBe(201);
      expect(created.json.payData).toMatchObject({ type: "qr_code" });
      const attempts = await db.payment.findMany({ where: { payOrderNo: created.json.payOrderNo }, orderBy: { seq: "asc" } });
      expect(attempts.map((a) => [a.channelAccountId, a.status, a.payOutcome])).toEqual([
        [wx.id, "FAILED", "unavailable"],
        [wx2.id, "PROCESSING", "ok"],
      ]);
      const second = attempts[1].routeDecision as unknown as RouteDecision;
      expect(second).toMatchObject({ reason: "failover", failover: { fromAccountId: wx.id, fromAttemptNo: attempts[0].attemptNo }, chosen: { accountId: wx2.id } });
      const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } });
      expect(order.routeDecision).toEqual(attempts[1].routeDecision);

      for (let i = 0; i < 4; i++) expect((await createOrder()).status).toBe(201);
      const breaker = await db.channelBreaker.findUniqueOrThrow({ where: { channelAccountId_mode: { channelAccountId: wx.id, mode: "native" } } });
      expect(breaker).toMatchObject({ state: "OPEN", consecutiveFailures: 5 });
      const skipped = await createOrder();
      const only = await db.payment.findMany({ where: { payOrderNo: skipped.json.payOrderNo } });
      expect(only.map((a) => a.channelAccountId)).toEqual([wx2.id]);
      const decision = only[0].routeDecision as unknown as RouteDecision;
      expect(decision.candidates.find((c) => c.accountId === wx.id)?.excluded).toBe("breaker_open");

      // every account that serves `native` failing: 503, and no attempt is made
      await db.channelBreaker.create({ data: { channelAccountId: wx2.id, mode: "native", state: "OPEN", consecutiveFailures: 5, openedAt: new Date() } });
      const unavailable = await createOrder();
      expect(unavailable.status).toBe(503);
      expect(unavailable.json.error.code).toBe("CHANNEL_UNAVAILABLE");
      // half-open after the cool-down: traffic is let through as a trial, and a success closes the breaker
      await db.channelBreaker.updateMany({ where: { channelAccountId: wx2.id }, data: { openedAt: new Date(Date.now() - 60_000) } });
      expect((await createOrder()).status).toBe(201);
      expect(await db.channelBreaker.findUniqueOrThrow({ where: { channelAccountId_mode: { channelAccountId: wx2.id, mode: "native" } } })).toMatchObject({ state: "CLOSED", consecutiveFailures: 0 });
    } finally {
      await setFaults(wx, {});
      await db.channelBreaker.deleteMany({});
    }
  });

  it("a timeout is never retried elsewhere: the attempt stays UNKNOWN", async () => {
    await saveRules([{ name: "main first", targets: targets(wx, wx2) }]);
    await setFaults(wx, { timeoutPerMille: 1000 });
    try {
      const created = await createOrder();
      expect(created.status).toBe(502);
      expect(created.json.error.code).toBe("CHANNEL_ERROR");
      const latest = await db.payOrder.findFirstOrThrow({ where: { appId: DEMO_APP.id }, orderBy: { createdAt: "desc" } });
      const attempts = await db.payment.findMany({ where: { payOrderNo: latest.payOrderNo } });
      expect(attempts.map((a) => [a.channelAccountId, a.status, a.payOutcome])).toEqual([[wx.id, "UNKNOWN", "timeout"]]);
    } finally {
      await setFaults(wx, {});
      await db.channelBreaker.deleteMany({});
    }
  });
});

describe("best success rate", () => {
  it("moves most traffic away from an account that declines half its payments, and back after it recovers", async () => {
    await saveRules([{
      name: "best rate",
      strategy: "best_success_rate",
      params: { windowSize: 5, windowMinutes: 60, minSamples: 5, explorationPercent: 10 },
      targets: targets(wx, wx2),
    }]);
    // Start from a clean window: earlier tests' attempts on these accounts are older than this one.
    await db.payment.updateMany({ where: { appId: DEMO_APP.id }, data: { createdAt: new Date(Date.now() - 2 * 3_600_000) } });
    await setFaults(wx, { declinePerMille: 500 });
    try {
      const phase1: Awaited<ReturnType<typeof payOnce>>[] = [];
      for (let i = 0; i < 45; i++) phase1.push(await payOnce());
      const settled = phase1.slice(15);
      const toBackup = settled.filter((p) => p.accountId === wx2.id).length;
      expect(toBackup / settled.length).toBeGreaterThanOrEqual(0.7);
      // (No assertion that an exploration happened among these 30: at 10 % none does 4 % of the time. The recovery
      // below cannot happen without one, so it proves exploration.)
      // both accounts were measured first (an exploration may come at any time, so not necessarily the very first)
      expect(phase1.slice(0, 10).some((p) => p.decision.reason === "measuring")).toBe(true);

      // The declines stop: exploration keeps trying wx; once its window is as good, the listed order puts it first again.
      await setFaults(wx, {});
      const recovered = await eventually(async () => {
        const p = await payOnce();
        return p.accountId === wx.id && p.decision.reason === "best_success_rate" && p;
      }, 120_000);
      expect(recovered.decision.candidates.map((c) => c.score)).toEqual([1000, 1000]);
      // 10 % exploration still sends some to wx2: with 30 payments, fewer than 21 on wx happens about 3 times in 10 000
      // (with 10 and ≥ 7 it was 1 in 80, and failed CI once)
      const after: string[] = [];
      for (let i = 0; i < 30; i++) after.push((await payOnce()).accountId);
      expect(after.filter((id) => id === wx.id).length).toBeGreaterThanOrEqual(21);
    } finally {
      await setFaults(wx, {});
    }
  }, 240_000);
});

describe("route rules in the console API", () => {
  it("only OWNER and DEVELOPER manage them; bad input is refused with field errors, stale edits with CONFLICT", async () => {
    for (const email of ["finance@demo.local", "viewer@demo.local"]) {
      expect(await outcome((await callerAs(email)).routing.rules({ mchNo: MCH, appId: DEMO_APP.id }))).toBe("FORBIDDEN");
    }
    const dev = await callerAs("dev@demo.local");
    const current = await dev.routing.rules({ mchNo: MCH, appId: DEMO_APP.id });
    const def = current.rules.at(-1)!;
    expect(await outcome(dev.routing.save({ mchNo: MCH, appId: DEMO_APP.id, version: current.version, rules: [{ ...def, isDefault: false, targets: [] }, def] }))).toBe("BAD_REQUEST");
    expect(await outcome(dev.routing.save({ mchNo: MCH, appId: DEMO_APP.id, version: current.version, rules: [] }))).toBe("BAD_REQUEST");
    const acmeAccount = await db.channelAccount.findFirstOrThrow({ where: { appId: { not: DEMO_APP.id } } });
    const foreign = { ...def, id: undefined, name: "x", isDefault: false, targets: [{ accountId: acmeAccount.id, weight: 0 }] };
    expect(await outcome(dev.routing.save({ mchNo: MCH, appId: DEMO_APP.id, version: current.version, rules: [foreign, def] }))).toBe("BAD_REQUEST");
    expect(await outcome(dev.routing.save({ mchNo: MCH, appId: DEMO_APP.id, version: current.version - 1, rules: current.rules }))).toBe("CONFLICT");
    expect(await outcome(dev.routing.rules({ mchNo: MCH, appId: "app_TESTACME00000002" }))).toBe("NOT_FOUND");
    const after = await dev.routing.rules({ mchNo: MCH, appId: DEMO_APP.id });
    expect(after).toEqual(current);

    const health = await dev.routing.health({ mchNo: MCH, appId: DEMO_APP.id });
    expect(health.map((h) => h.accountId).sort()).toEqual([wx.id, wx2.id, ali.id, up.id].sort());
    const wxHealth = health.find((h) => h.accountId === wx.id)!;
    expect(wxHealth.lastDay.attempts).toBeGreaterThan(0);
    expect(wxHealth.lastDay.p95LatencyMs).toBeGreaterThan(0);

    const sim = await dev.routing.simulate({ mchNo: MCH, appId: DEMO_APP.id, days: 7, rules: [{ ...foreign, targets: [{ accountId: wx2.id, weight: 0 }] }, def] });
    expect(sim.orders).toBeGreaterThan(0);
    expect(sim.lines.find((l) => l.accountId === wx2.id)!.after.orders).toBe(sim.orders - sim.unrouted);
    const decisions = await dev.routing.decisions({ mchNo: MCH, appId: DEMO_APP.id, limit: 5 });
    expect(decisions).toHaveLength(5);
  });
});
