import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, outcome } from "@/server/testing/callers";
import { startHttpHarness, type Harness } from "@/server/testing/http-harness";
import { ACME_APP, openApiClient, useFixedDemoApps } from "@/server/testing/open-api-client";
import { seedIfEmpty } from "@/prisma/seed";

const ACME = "M10000002";
let harness: Harness;
let acme: ReturnType<typeof openApiClient>;

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
  acme = openApiClient(harness.url, ACME_APP);
});
afterAll(() => harness?.close());

const query = () => acme("/api/v1/pay-orders?mchOrderNo=NOPE-1");

describe("suspending and reinstating a merchant", () => {
  it("turns its Open API answers into 403 MERCHANT_INACTIVE at once, and back", async () => {
    const admin = await callerAs("admin@paycenter.local");
    // Authenticated (the app is now in the process's cache): an unknown order, not a refusal.
    expect((await query()).json.error.code).toBe("ORDER_NOT_FOUND");

    await admin.admin.suspend({ mchNo: ACME, reason: "风控排查：异常退款" });
    const refused = await query();
    expect([refused.status, refused.json.error.code]).toEqual([403, "MERCHANT_INACTIVE"]);
    const post = await acme("/api/v1/pay-orders", { body: { mchOrderNo: "SUSP-1", amount: 100, subject: "x" } });
    expect([post.status, post.json.error.code]).toEqual([403, "MERCHANT_INACTIVE"]);
    expect(await db.payOrder.count({ where: { mchOrderNo: "SUSP-1" } })).toBe(0);

    await admin.admin.reinstate({ mchNo: ACME });
    expect((await query()).json.error.code).toBe("ORDER_NOT_FOUND");
  });

  it("lets a merchant under onboarding (draft, under review, rejected) use its TEST app, never a suspended one", async () => {
    for (const status of ["DRAFT", "PENDING_REVIEW", "REJECTED"] as const) {
      await db.merchant.update({ where: { mchNo: ACME }, data: { status } });
      expect((await query()).json.error.code, status).toBe("ORDER_NOT_FOUND");
    }
    await db.merchant.update({ where: { mchNo: ACME }, data: { status: "SUSPENDED" } });
    expect((await query()).json.error.code).toBe("MERCHANT_INACTIVE");
    await db.merchant.update({ where: { mchNo: ACME }, data: { status: "ACTIVE" } });
  });

  it("writes who decided what and why, each in the decision's transaction", async () => {
    const adminUser = await db.user.findUniqueOrThrow({ where: { email: "admin@paycenter.local" } });
    const entries = await db.auditLog.findMany({ where: { merchant: { mchNo: ACME }, action: { in: ["merchant.suspended", "merchant.reinstated"] } }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.actorId, e.ip, e.before, e.after])).toEqual([
      ["merchant.suspended", adminUser.id, "127.0.0.1", { status: "ACTIVE", statusReason: null }, { status: "SUSPENDED", statusReason: "风控排查：异常退款" }],
      ["merchant.reinstated", adminUser.id, "127.0.0.1", { status: "SUSPENDED", statusReason: "风控排查：异常退款" }, { status: "ACTIVE", statusReason: null }],
    ]);
  });

  it("takes each decision only from its state, and only with the reason it needs", async () => {
    const admin = await callerAs("admin@paycenter.local");
    expect(await outcome(admin.admin.reinstate({ mchNo: ACME }))).toBe("CONFLICT");
    expect(await outcome(admin.admin.approve({ mchNo: ACME }))).toBe("CONFLICT");
    expect(await outcome(admin.admin.suspend({ mchNo: ACME, reason: "" }))).toBe("BAD_REQUEST");
    expect(await outcome(admin.admin.suspend({ mchNo: ACME, reason: "x".repeat(501) }))).toBe("BAD_REQUEST");
    expect(await outcome(admin.admin.suspend({ mchNo: "M99999999", reason: "不存在" }))).toBe("NOT_FOUND");
    const twice = await Promise.all([admin.admin.suspend({ mchNo: ACME, reason: "并发一" }), admin.admin.suspend({ mchNo: ACME, reason: "并发二" })].map(outcome));
    expect(twice.sort()).toEqual(["CONFLICT", "OK"]);
    await admin.admin.reinstate({ mchNo: ACME });
    expect(await db.auditLog.count({ where: { merchant: { mchNo: ACME }, action: "merchant.suspended" } })).toBe(2);
  });

  it("leaves these decisions to operators", async () => {
    for (const email of ["owner@acme.local", "owner@demo.local"]) {
      const caller = await callerAs(email);
      expect(await outcome(caller.admin.suspend({ mchNo: ACME, reason: "mine" })), email).toBe("FORBIDDEN");
      expect(await outcome(caller.admin.approve({ mchNo: ACME })), email).toBe("FORBIDDEN");
      expect(await outcome(caller.admin.failedCallbacks({})), email).toBe("FORBIDDEN");
      expect(await outcome(caller.admin.auditLogs({})), email).toBe("FORBIDDEN");
    }
  });
});

describe("operators' lists", () => {
  it("lists callbacks that were not accepted, across merchants, filtered and paged, with the raw body", async () => {
    const merchants = await db.merchant.findMany({ where: { mchNo: { in: ["M10000001", ACME] } } });
    const rows = [];
    for (let i = 0; i < 25; i++) {
      rows.push({
        channel: i % 2 ? "wechatpay" : "alipay",
        merchantId: merchants[i % 2].id,
        kind: "PAYMENT" as const,
        headers: { "content-type": "application/json", cookie: "session=secret", authorization: "Bearer x" },
        body: `{"n":${i}}`,
        result: i === 0 ? ("ACCEPTED" as const) : i % 3 ? ("INVALID_SIGNATURE" as const) : ("MISMATCH" as const),
      });
    }
    await db.channelNotification.createMany({ data: rows });
    const admin = await callerAs("admin@paycenter.local");
    const all = await admin.admin.failedCallbacks({ pageSize: 10 });
    expect(all.total).toBe(24);
    expect(all.rows).toHaveLength(10);
    expect(all.rows.every((r) => r.result !== "ACCEPTED")).toBe(true);
    expect((await admin.admin.failedCallbacks({ page: 3, pageSize: 10 })).rows).toHaveLength(4);
    const mismatches = await admin.admin.failedCallbacks({ result: "MISMATCH" });
    expect(mismatches.rows.map((r) => r.result)).toEqual(Array(8).fill("MISMATCH"));
    const acmeOnly = await admin.admin.failedCallbacks({ mchNo: ACME, channel: "wechatpay" });
    expect(acmeOnly.rows.every((r) => r.mchNo === ACME && r.channel === "wechatpay")).toBe(true);
    expect((await admin.admin.failedCallbacks({ mchNo: "M99999999" })).total).toBe(0);
    expect(await outcome(admin.admin.failedCallbacks({ channel: "'; DROP TABLE" as never }))).toBe("BAD_REQUEST");
    const one = await admin.admin.callback({ id: all.rows[0].id });
    expect(one.body).toMatch(/^\{"n":\d+\}$/);
    expect(one.headers).toEqual({ "content-type": "application/json" });
    expect(await outcome(admin.admin.callback({ id: "abc" }))).toBe("NOT_FOUND");
  });

  it("shows the audit log across merchants with the actor's email, filterable by merchant and action", async () => {
    const admin = await callerAs("admin@paycenter.local");
    const page = await admin.admin.auditLogs({ mchNo: ACME, action: "merchant.", pageSize: 2 });
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.rows).toHaveLength(2);
    expect(page.rows[0]).toMatchObject({ actor: "admin@paycenter.local", ip: "127.0.0.1", merchant: { mchNo: ACME } });
  });
});
