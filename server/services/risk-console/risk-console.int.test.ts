import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import type { RiskRuleInput } from "@/server/domain/risk-rule-schema";
import { callerAs, outcome } from "@/server/testing/callers";
import { insertOrder } from "@/server/testing/order-fixtures";
import { addRiskListEntry } from "./lists";
import { simulateRiskRule } from "./what-if";

const DEMO = "M10000001";
const ACME = "M10000002";
let demoId = "";
let acmeId = "";
let acmeAppId = "";

beforeAll(async () => {
  await seedIfEmpty();
  const demo = await db.merchant.findUniqueOrThrow({ where: { mchNo: DEMO } });
  const acme = await db.merchant.findUniqueOrThrow({ where: { mchNo: ACME }, include: { apps: { orderBy: { createdAt: "asc" }, take: 1 } } });
  demoId = demo.id;
  acmeId = acme.id;
  acmeAppId = acme.apps[0]!.id;
});

const rule = (overrides: Partial<RiskRuleInput> = {}): RiskRuleInput => ({
  name: "大额订单",
  checkpoints: ["ORDER"],
  condition: { type: "amount_over", amount: 100_000 },
  action: "REVIEW",
  priority: 100,
  ...overrides,
});

/** The field errors a refused call answers with (init.ts's errorFormatter). */
async function fieldErrors(call: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  try {
    await call;
  } catch (error) {
    const shape = error as { code?: string; cause?: unknown };
    expect(shape.code).toBe("BAD_REQUEST");
    const { getHTTPStatusCodeFromError } = await import("@trpc/server/http");
    expect(getHTTPStatusCodeFromError(error as never)).toBe(400);
    const { appRouter } = await import("@/server/trpc/root");
    const formatted = appRouter._def._config.errorFormatter({ error: error as never, shape: { data: {} } as never, type: "mutation", path: "", input: undefined, ctx: undefined });
    return ((formatted as { data: { fieldErrors?: Record<string, string[]> } }).data.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  }
  throw new Error("the call was accepted");
}

describe("the what-if (风控 what-if) on a known data set", () => {
  // Acme's orders of a past week nobody else writes into; `now` at a whole minute, as the counters' buckets.
  const now = new Date("2020-06-10T12:00:00Z");
  const at = (minutesBefore: number) => new Date(now.getTime() - minutesBefore * 60_000);

  beforeAll(async () => {
    for (const m of [60, 50, 40, 30, 20, 10]) await insertOrder({ appId: acmeAppId, buyerId: "W1", placedAt: at(m), amount: 10_000n, sku: `W1-${m}` });
    for (const d of [1, 2, 3, 4]) await insertOrder({ appId: acmeAppId, buyerId: "W2", placedAt: at(d * 24 * 60 + 5), amount: 50_000n, sku: "W2" });
    const w3 = await insertOrder({ appId: acmeAppId, buyerId: "W3", placedAt: at(2 * 24 * 60 + 30), amount: 200_000n, sku: "W3" });
    await db.order.update({ where: { orderNo: w3 }, data: { buyerPhone: "13900001111" } });
    // outside the 7 days: never replayed
    await insertOrder({ appId: acmeAppId, buyerId: "W1", placedAt: at(8 * 24 * 60), amount: 900_000n });
  });

  it("counts allowed / reviewed / blocked by the live rules and by live rules + the draft, with examples", async () => {
    const big = await simulateRiskRule(acmeId, { days: 7, rule: rule({ condition: { type: "amount_over", amount: 100_000 }, action: "BLOCK" }) }, now);
    expect(big).toMatchObject({ orders: 11, truncated: false, checkpoint: "ORDER", before: { ALLOW: 11, REVIEW: 0, BLOCK: 0 }, after: { ALLOW: 10, REVIEW: 0, BLOCK: 1 }, draftHits: 1, changed: 1 });
    expect(big.examples).toHaveLength(1);
    expect(big.examples[0]).toMatchObject({ amount: 200_000n, before: "ALLOW", after: "BLOCK", hit: { condition: "amount_over", observed: "200000", limit: "100000" } });

    // more than 3 orders by one buyer within 60 minutes: W1's 4th, 5th and 6th orders
    const velocity = await simulateRiskRule(acmeId, { days: 7, rule: rule({ name: "刷单", condition: { type: "velocity", dimension: "buyer", count: 3, windowMinutes: 60 } }) }, now);
    expect(velocity).toMatchObject({ orders: 11, after: { ALLOW: 8, REVIEW: 3, BLOCK: 0 }, draftHits: 3 });
    expect(velocity.examples.map((e) => e.hit?.observed)).toEqual(["4", "5", "6"]);

    // a buyer's day over 500.00: W1's 6th order (600.00 that day) and W3's one of 2000.00; W2's 500.00 a day never
    const daily = await simulateRiskRule(acmeId, { days: 7, rule: rule({ condition: { type: "daily_amount_over", dimension: "buyer", amount: 50_000 } }) }, now);
    expect(daily.examples.map((e) => e.hit?.observed)).toEqual(["200000", "60000"]);
  });

  it("replays with the live rules and the blacklists as they are; an edited rule replaces its live version", async () => {
    const owner = await callerAs("owner@acme.local");
    const { id } = await owner.risk.createRule({ mchNo: ACME, rule: rule({ name: "超 300 元拦截", condition: { type: "amount_over", amount: 30_000 }, action: "BLOCK" }) });
    await owner.risk.setRuleStatus({ mchNo: ACME, id, status: "ACTIVE" });
    await addRiskListEntry({ merchantId: acmeId }, { type: "SYSTEM" }, { kind: "PHONE", value: "139 0000 1111" });

    const listed = await simulateRiskRule(acmeId, { days: 7, rule: rule({ name: "黑名单", condition: { type: "blacklisted", kinds: ["PHONE"] } }) }, now);
    expect(listed).toMatchObject({ before: { ALLOW: 6, BLOCK: 5 }, after: { ALLOW: 6, BLOCK: 5 }, draftHits: 1, changed: 0 });
    expect(listed.examples[0]!.hit).toMatchObject({ observed: "PHONE" });

    // the live rule edited up to 1000.00: only W3's order stays blocked
    const edited = await simulateRiskRule(acmeId, { days: 7, ruleId: id, rule: rule({ condition: { type: "amount_over", amount: 100_000 }, action: "BLOCK" }) }, now);
    expect(edited).toMatchObject({ before: { ALLOW: 11, BLOCK: 0 }, after: { ALLOW: 10, BLOCK: 1 } });
    await owner.risk.deleteRule({ mchNo: ACME, id });
  });

  it("answers the what-if through the router, refusing more than 30 days", async () => {
    const owner = await callerAs("owner@acme.local");
    expect((await owner.risk.whatIf({ mchNo: ACME, days: 30, rule: rule() })).days).toBe(30);
    expect(await outcome(owner.risk.whatIf({ mchNo: ACME, days: 31, rule: rule() }))).toBe("BAD_REQUEST");
  });
});

describe("risk rules in the console", () => {
  it("creates a draft, edits it on its version, activates, disables and deletes it, each audited", async () => {
    const owner = await callerAs("owner@demo.local");
    const { id } = await owner.risk.createRule({ mchNo: DEMO, rule: rule() });
    let [row] = (await owner.risk.rules({ mchNo: DEMO })).filter((r) => r.id === id);
    expect(row).toMatchObject({ status: "DRAFT", name: "大额订单", condition: { type: "amount_over", amount: 100_000 } });

    await owner.risk.updateRule({ mchNo: DEMO, id, basedOn: row!.updatedAt, rule: rule({ name: "大额订单 1000 元" }) });
    expect(await outcome(owner.risk.updateRule({ mchNo: DEMO, id, basedOn: row!.updatedAt, rule: rule({ name: "stale" }) }))).toBe("CONFLICT");
    [row] = (await owner.risk.rules({ mchNo: DEMO })).filter((r) => r.id === id);
    expect(row!.name).toBe("大额订单 1000 元");

    await owner.risk.setRuleStatus({ mchNo: DEMO, id, status: "ACTIVE" });
    expect(await outcome(owner.risk.setRuleStatus({ mchNo: DEMO, id, status: "ACTIVE" }))).toBe("CONFLICT");
    await owner.risk.setRuleStatus({ mchNo: DEMO, id, status: "DISABLED" });
    await owner.risk.deleteRule({ mchNo: DEMO, id });
    expect((await owner.risk.rules({ mchNo: DEMO })).some((r) => r.id === id)).toBe(false);

    const audits = await db.auditLog.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["risk_rule.created", "risk_rule.updated", "risk_rule.activated", "risk_rule.disabled", "risk_rule.deleted"]);
    expect(audits.every((a) => a.merchantId === demoId)).toBe(true);
  });

  it("refuses a bad rule with an error on each field", async () => {
    const owner = await callerAs("owner@demo.local");
    const errors = await fieldErrors(owner.risk.createRule({ mchNo: DEMO, rule: { ...rule(), name: "", condition: { type: "amount_over", amount: 0 } } }));
    expect(Object.keys(errors).sort()).toEqual(["rule.condition.amount", "rule.name"]);
    // review holds orders only
    expect(Object.keys(await fieldErrors(owner.risk.createRule({ mchNo: DEMO, rule: rule({ checkpoints: ["PAY_ORDER"] }) })))).toEqual(["rule.action"]);
    // a velocity window over an hour in whole hours
    expect(Object.keys(await fieldErrors(owner.risk.createRule({ mchNo: DEMO, rule: rule({ condition: { type: "velocity", dimension: "ip", count: 5, windowMinutes: 90 } }) })))).toEqual([
      "rule.condition.windowMinutes",
    ]);
    expect(Object.keys(await fieldErrors(owner.risk.createRule({ mchNo: DEMO, rule: { ...rule(), checkpoints: [] } })))).toEqual(["rule.checkpoints"]);
    expect(await db.riskRule.count({ where: { merchantId: demoId, name: "" } })).toBe(0);
  });

  it("lets a merchant see and touch only its own rules, and only the owner manage them", async () => {
    const owner = await callerAs("owner@demo.local");
    const { id } = await owner.risk.createRule({ mchNo: DEMO, rule: rule({ name: "Demo only" }) });
    const acme = await callerAs("owner@acme.local");
    expect((await acme.risk.rules({ mchNo: ACME })).some((r) => r.id === id)).toBe(false);
    expect(await outcome(acme.risk.rules({ mchNo: DEMO }))).toBe("NOT_FOUND");
    // another merchant's rule id under one's own merchant: not found, nothing changed
    expect(await outcome(acme.risk.setRuleStatus({ mchNo: ACME, id, status: "ACTIVE" }))).toBe("NOT_FOUND");
    expect(await outcome(acme.risk.deleteRule({ mchNo: ACME, id }))).toBe("NOT_FOUND");
    expect(await outcome(acme.risk.updateRule({ mchNo: ACME, id, basedOn: new Date(), rule: rule() }))).toBe("NOT_FOUND");
    expect((await db.riskRule.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    // finance reads, cannot manage; a viewer cannot even read
    const finance = await callerAs("finance@demo.local");
    expect(await outcome(finance.risk.rules({ mchNo: DEMO }))).toBe("OK");
    expect(await outcome(finance.risk.createRule({ mchNo: DEMO, rule: rule() }))).toBe("FORBIDDEN");
    expect(await outcome((await callerAs("viewer@demo.local")).risk.rules({ mchNo: DEMO }))).toBe("FORBIDDEN");
    // platform rules are the operators': not in the merchant's list, not reachable by id
    const admin = await callerAs("admin@paycenter.local");
    const platform = await admin.adminRisk.createRule({ rule: rule({ name: "平台规则" }) });
    expect((await owner.risk.rules({ mchNo: DEMO })).some((r) => r.id === platform.id)).toBe(false);
    expect(await outcome(owner.risk.deleteRule({ mchNo: DEMO, id: platform.id }))).toBe("NOT_FOUND");
    expect((await admin.adminRisk.rules()).map((r) => r.id)).toEqual([platform.id]);
    expect(await outcome(admin.adminRisk.deleteRule({ id }))).toBe("NOT_FOUND");
    await admin.adminRisk.deleteRule({ id: platform.id });
  });
});

describe("blacklists", () => {
  it("stores a phone as 11 digits, shows it masked, refuses it twice, forgets it once expired or removed", async () => {
    const owner = await callerAs("owner@demo.local");
    const { id } = await owner.risk.addListEntry({ mchNo: DEMO, entry: { kind: "PHONE", value: "+86 138-0013-8000", note: "骗退款" } });
    expect((await db.riskListEntry.findUniqueOrThrow({ where: { id } })).value).toBe("13800138000");
    const rows = await owner.risk.lists({ mchNo: DEMO });
    expect(rows.find((r) => r.id === id)).toMatchObject({ kind: "PHONE", value: "138****8000", note: "骗退款", expiresAt: null, expired: false });
    expect(await outcome(owner.risk.addListEntry({ mchNo: DEMO, entry: { kind: "PHONE", value: "13800138000" } }))).toBe("CONFLICT");

    const soon = await owner.risk.addListEntry({ mchNo: DEMO, entry: { kind: "IP", value: "::ffff:203.0.113.9", expiresAt: new Date(Date.now() + 60_000).toISOString() } });
    expect((await db.riskListEntry.findUniqueOrThrow({ where: { id: soon.id } })).value).toBe("203.0.113.9");
    await db.riskListEntry.update({ where: { id: soon.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await owner.risk.lists({ mchNo: DEMO })).some((r) => r.id === soon.id)).toBe(false);
    expect((await owner.risk.lists({ mchNo: DEMO, includeExpired: true })).find((r) => r.id === soon.id)?.expired).toBe(true);

    const acme = await callerAs("owner@acme.local");
    expect((await acme.risk.lists({ mchNo: ACME })).some((r) => r.id === id)).toBe(false);
    expect(await outcome(acme.risk.removeListEntry({ mchNo: ACME, id }))).toBe("NOT_FOUND");
    await owner.risk.removeListEntry({ mchNo: DEMO, id });
    expect(await db.riskListEntry.count({ where: { id } })).toBe(0);
    expect((await db.auditLog.findMany({ where: { targetId: id } })).map((a) => a.action).sort()).toEqual(["risk_list.added", "risk_list.removed"]);
  });

  it("refuses a bad entry with an error on its field", async () => {
    const owner = await callerAs("owner@demo.local");
    expect(Object.keys(await fieldErrors(owner.risk.addListEntry({ mchNo: DEMO, entry: { kind: "PHONE", value: "12345" } })))).toEqual(["entry.value"]);
    expect(Object.keys(await fieldErrors(owner.risk.addListEntry({ mchNo: DEMO, entry: { kind: "IP", value: "999.1.1.1" } })))).toEqual(["entry.value"]);
    expect(Object.keys(await fieldErrors(owner.risk.addListEntry({ mchNo: DEMO, entry: { kind: "PHONE", value: "13800138000", expiresAt: "2001-01-01T00:00:00Z" } })))).toEqual(["entry.expiresAt"]);
    expect(Object.keys(await fieldErrors(owner.risk.addListEntry({ mchNo: DEMO, entry: { kind: "EMAIL", value: "x" } })))).toEqual(["entry.kind"]);
    expect(Object.keys(await fieldErrors(owner.risk.addListEntry({ mchNo: DEMO, entry: { kind: "BUYER_ID", value: "   " } })))).toEqual(["entry.value"]);
  });

  it("keeps platform lists to operators", async () => {
    const admin = await callerAs("admin@paycenter.local");
    const { id } = await admin.adminRisk.addListEntry({ entry: { kind: "ADDRESS_KEYWORD", value: "某某 仓库" } });
    expect((await admin.adminRisk.lists({})).find((r) => r.id === id)?.value).toBe("某某仓库");
    expect((await (await callerAs("owner@demo.local")).risk.lists({ mchNo: DEMO })).some((r) => r.id === id)).toBe(false);
    expect(await outcome((await callerAs("owner@demo.local")).adminRisk.lists({}))).toBe("FORBIDDEN");
    await admin.adminRisk.removeListEntry({ id });
  });
});

describe("decisions and the review queue", () => {
  it("shows a merchant its own decisions and held orders only; operators every merchant's", async () => {
    const demoApp = await db.app.findFirstOrThrow({ where: { merchantId: demoId } });
    const orderNo = await insertOrder({ appId: demoApp.id, buyerId: "R1", status: "PENDING_PAYMENT", amount: 150_000n });
    const hits = [{ ruleId: "r1", ruleName: "大额订单", scope: "merchant", action: "REVIEW", condition: "amount_over", observed: "150000", limit: "100000" }];
    const decision = await db.riskDecision.create({ data: { merchantId: demoId, appId: demoApp.id, checkpoint: "ORDER", action: "REVIEW", hits, facts: {}, orderNo } });
    await db.riskReview.create({ data: { orderNo, merchantId: demoId, appId: demoApp.id, decisionId: decision.id } });
    await db.order.update({ where: { orderNo }, data: { riskReview: "PENDING" } });

    const owner = await callerAs("owner@demo.local");
    const page = await owner.risk.decisions({ mchNo: DEMO });
    expect(page.rows[0]).toMatchObject({ id: decision.id, action: "REVIEW", orderNo, hits });
    const queue = await owner.risk.reviews({ mchNo: DEMO, status: "PENDING" });
    expect(queue.find((r) => r.orderNo === orderNo)).toMatchObject({ amount: 150_000n, buyerPhone: "138****8000", hits });
    expect(await owner.risk.orderReview({ mchNo: DEMO, orderNo })).toMatchObject({ review: { status: "PENDING", orderNo }, mayReview: true });

    const acme = await callerAs("owner@acme.local");
    expect((await acme.risk.decisions({ mchNo: ACME })).rows.some((r) => r.id === decision.id)).toBe(false);
    expect((await acme.risk.reviews({ mchNo: ACME, status: "PENDING" })).some((r) => r.orderNo === orderNo)).toBe(false);
    expect((await acme.risk.orderReview({ mchNo: ACME, orderNo })).review).toBeNull();

    const admin = await callerAs("admin@paycenter.local");
    expect((await admin.adminRisk.decisions({})).rows.find((r) => r.id === decision.id)?.mchNo).toBe(DEMO);
    expect((await admin.adminRisk.reviews({ status: "PENDING" })).find((r) => r.orderNo === orderNo)?.mchNo).toBe(DEMO);
  });
});
