import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { callerAs, outcome } from "@/server/testing/callers";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { openApiClient, useFixedDemoApps } from "@/server/testing/open-api-client";
import { seedIfEmpty } from "@/prisma/seed";

const DEMO = "M10000001";
const OWNER = "owner@demo.local";
let harness: Harness;

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
});
afterAll(async () => {
  await harness?.close();
});

const settings = { notifyUrl: "", refundReviewThresholdYuan: "", repeatGuardSeconds: 15 };
const missingOrder = "/api/v1/pay-orders/P20261122000000000AAAAAAAA";

/** An Open API call signed with a given secret: 404 ORDER_NOT_FOUND means the signature was accepted. */
async function probe(appId: string, secret: string) {
  const answer = await openApiClient(harness.url, { id: appId, secret })(missingOrder);
  return answer.json?.error?.code ?? String(answer.status);
}

async function auditOf(targetId: string) {
  return db.auditLog.findMany({ where: { targetId }, orderBy: { id: "asc" } });
}

describe("creating apps", () => {
  it("creates a LIVE app for an ACTIVE merchant, shows the secret once, stores fen and writes the audit", async () => {
    const owner = await callerAs(OWNER);
    const created = await owner.apps.create({
      mchNo: DEMO,
      name: "商城 · 生产",
      mode: "LIVE",
      notifyUrl: "https://203.0.113.10/pay-notify",
      refundReviewThresholdYuan: "500.50",
      repeatGuardSeconds: 30,
    });
    expect(created.secret).toMatch(/^sk_live_/);
    const row = await db.app.findUniqueOrThrow({ where: { id: created.appId } });
    expect(row).toMatchObject({ mode: "LIVE", status: "ACTIVE", refundReviewThreshold: 50050n, repeatGuardSeconds: 30 });
    expect(row.secretEnc).not.toContain(created.secret);
    // every app starts with its default route rule
    expect(await db.routeRule.count({ where: { appId: created.appId, isDefault: true } })).toBe(1);

    // a second read never returns it
    const again = await owner.apps.get({ mchNo: DEMO, appId: created.appId });
    const list = await owner.merchant.apps({ mchNo: DEMO });
    for (const view of [again, list]) {
      const text = JSON.stringify(view, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
      expect(text).not.toContain(created.secret);
      expect(text).not.toMatch(/sk_live_|sk_test_|secretEnc/);
    }
    expect(again.refundReviewThreshold).toBe(50050n);

    const [audit] = await auditOf(created.appId);
    expect(audit).toMatchObject({ action: "app.created", actorType: "USER", ip: "127.0.0.1", targetType: "app" });
    expect(JSON.stringify(audit.after)).not.toContain(created.secret);
    expect(audit.after).toMatchObject({ name: "商城 · 生产", mode: "LIVE", refundReviewThreshold: "50050" });
  });

  it("lets a DRAFT merchant create TEST apps but refuses LIVE ones with a clear error", async () => {
    const merchant = await db.merchant.create({ data: { mchNo: "M19990001", name: "草稿商户", status: "DRAFT" } });
    await db.user.create({
      data: { email: "draft@demo.local", name: "Draft", passwordHash: "x", memberships: { create: { merchantId: merchant.id, role: "OWNER" } } },
    });
    const owner = await callerAs("draft@demo.local");
    const test = await owner.apps.create({ mchNo: "M19990001", name: "试用", mode: "TEST", ...settings });
    expect(test.secret).toMatch(/^sk_test_/);
    const live = owner.apps.create({ mchNo: "M19990001", name: "生产", mode: "LIVE", ...settings });
    await expect(live).rejects.toMatchObject({ code: "FORBIDDEN", message: "liveNeedsActiveMerchant" });
    expect(await db.app.count({ where: { merchantId: merchant.id } })).toBe(1);
    // the DRAFT merchant's TEST app signs in the sandbox
    expect(await probe(test.appId, test.secret)).toBe("ORDER_NOT_FOUND");
  });

  it("answers bad input with field errors and writes nothing", async () => {
    const owner = await callerAs(OWNER);
    const before = await db.app.count();
    const bad = await outcome(owner.apps.create({ mchNo: DEMO, name: "", mode: "LIVE", notifyUrl: "ftp://x", refundReviewThresholdYuan: "1.234", repeatGuardSeconds: -1 }));
    expect(bad).toBe("BAD_REQUEST");
    try {
      await owner.apps.create({ mchNo: DEMO, name: "x", mode: "LIVE", notifyUrl: "http://127.0.0.1/notify", refundReviewThresholdYuan: "", repeatGuardSeconds: 15 });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe("BAD_REQUEST");
      expect((error as { cause: { field: string; message: string } }).cause).toMatchObject({ field: "notifyUrl", message: "notifyUrlPrivate" });
    }
    expect(await db.app.count()).toBe(before);
  });
});

describe("keys and status", () => {
  it("rotation keeps the old secret valid for the grace period only, new one at once", async () => {
    const owner = await callerAs(OWNER);
    const { appId, secret: first } = await owner.apps.create({ mchNo: DEMO, name: "rotation", mode: "TEST", ...settings });
    expect(await probe(appId, first)).toBe("ORDER_NOT_FOUND");

    const { secret: second, previousSecretExpiresAt } = await owner.apps.rotateSecret({ mchNo: DEMO, appId, graceHours: 24 });
    expect(second).not.toBe(first);
    expect(previousSecretExpiresAt!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(await probe(appId, second)).toBe("ORDER_NOT_FOUND");
    expect(await probe(appId, first)).toBe("ORDER_NOT_FOUND");
    expect((await owner.apps.get({ mchNo: DEMO, appId })).previousSecretValidUntil).toEqual(previousSecretExpiresAt);

    // the grace period ends (time passes): the old secret stops verifying, the new one goes on
    await db.app.update({ where: { id: appId }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    invalidateApiApp(appId);
    expect(await probe(appId, first)).toBe("INVALID_SIGNATURE");
    expect(await probe(appId, second)).toBe("ORDER_NOT_FOUND");

    // grace 0: the secret before stops at once
    const { secret: third } = await owner.apps.rotateSecret({ mchNo: DEMO, appId, graceHours: 0 });
    expect(await probe(appId, second)).toBe("INVALID_SIGNATURE");
    expect(await probe(appId, third)).toBe("ORDER_NOT_FOUND");
    expect((await owner.apps.get({ mchNo: DEMO, appId })).previousSecretValidUntil).toBeNull();

    const audits = (await auditOf(appId)).filter((a) => a.action === "app.key_rotated");
    expect(audits).toHaveLength(2);
    for (const audit of audits) expect(JSON.stringify([audit.before, audit.after])).not.toMatch(/sk_test_/);
    expect(await outcome(owner.apps.rotateSecret({ mchNo: DEMO, appId, graceHours: 169 }))).toBe("BAD_REQUEST");
  });

  it("disabling an app refuses its Open API calls at once (403 APP_DISABLED); enabling restores them", async () => {
    const owner = await callerAs(OWNER);
    const { appId, secret } = await owner.apps.create({ mchNo: DEMO, name: "disable me", mode: "TEST", ...settings });
    expect(await probe(appId, secret)).toBe("ORDER_NOT_FOUND");
    await owner.apps.setStatus({ mchNo: DEMO, appId, status: "DISABLED" });
    const refused = await openApiClient(harness.url, { id: appId, secret })(missingOrder);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("APP_DISABLED");
    const test = await owner.apps.sendTestRequest({ mchNo: DEMO, appId });
    expect(test).toMatchObject({ status: 403, code: "APP_DISABLED", signatureAccepted: true });
    await owner.apps.setStatus({ mchNo: DEMO, appId, status: "ACTIVE" });
    expect(await probe(appId, secret)).toBe("ORDER_NOT_FOUND");
    expect((await auditOf(appId)).map((a) => a.action)).toEqual(["app.created", "app.disabled", "app.enabled"]);
  });

  it("edits settings, records the diff, and the Open API sees them at once", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await owner.apps.create({ mchNo: DEMO, name: "settings", mode: "TEST", ...settings });
    await owner.apps.update({ mchNo: DEMO, appId, name: "settings 2", notifyUrl: "http://127.0.0.1:9/hook", refundReviewThresholdYuan: "0.01", repeatGuardSeconds: 0 });
    const row = await db.app.findUniqueOrThrow({ where: { id: appId } });
    expect(row).toMatchObject({ name: "settings 2", notifyUrl: "http://127.0.0.1:9/hook", refundReviewThreshold: 1n, repeatGuardSeconds: 0 });
    await owner.apps.update({ mchNo: DEMO, appId, name: "settings 2", notifyUrl: "", refundReviewThresholdYuan: "", repeatGuardSeconds: 0 });
    expect(await db.app.findUniqueOrThrow({ where: { id: appId } })).toMatchObject({ notifyUrl: null, refundReviewThreshold: null });
    const updates = (await auditOf(appId)).filter((a) => a.action === "app.updated");
    expect(updates).toHaveLength(2);
    expect(updates[0].before).toMatchObject({ name: "settings", refundReviewThreshold: null });
    expect(updates[0].after).toMatchObject({ name: "settings 2", refundReviewThreshold: "1" });
  });

  it("sends a signed test request over HTTP and shows the answer", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await owner.apps.create({ mchNo: DEMO, name: "probe", mode: "TEST", ...settings });
    const result = await owner.apps.sendTestRequest({ mchNo: DEMO, appId });
    expect(result).toMatchObject({ status: 404, code: "ORDER_NOT_FOUND", signatureAccepted: true, error: null });
    expect(result.url.startsWith(harness.url)).toBe(true);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(result)).not.toMatch(/sk_test_/);
  });

  it("keeps another merchant's apps out of reach", async () => {
    const acme = await callerAs("owner@acme.local");
    const demoApp = await db.app.findFirstOrThrow({ where: { merchant: { mchNo: DEMO } } });
    expect(await outcome(acme.apps.get({ mchNo: "M10000002", appId: demoApp.id }))).toBe("NOT_FOUND");
    expect(await outcome(acme.apps.rotateSecret({ mchNo: "M10000002", appId: demoApp.id, graceHours: 0 }))).toBe("NOT_FOUND");
    expect(await outcome(acme.apps.setStatus({ mchNo: "M10000002", appId: demoApp.id, status: "DISABLED" }))).toBe("NOT_FOUND");
  });
});
