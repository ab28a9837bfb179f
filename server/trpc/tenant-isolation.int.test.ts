import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newComplaintNo, newViewToken } from "@/server/domain/complaint-ids";
import { newPayOrderNo } from "@/server/domain/ids";
import { cashierOrderSchema } from "@/server/services/cashier/cashier-order-view";
import { callerAs, outcome } from "@/server/testing/callers";
import { appRouter } from "@/server/trpc/root";
import { seedIfEmpty } from "@/prisma/seed";

const DEMO = "M10000001";
const ACME = "M10000002";

beforeAll(async () => {
  await seedIfEmpty();
});

/** Every procedure of the router, by path, so a new procedure is covered without editing this test. */
const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures);

/**
 * Open to anyone: the consumer cashier, reached by the unguessable payOrderNo (what it answers is checked below);
 * sign-up and the invitation link (reached by its unguessable token; server/services/members/members.int.test.ts).
 */
const PUBLIC_PROCEDURES = ["cashier.check", "cashier.order", "cashier.pay", "cashier.assets", "cashier.trade", "cashier.payTrade", "account.signUp", "account.invitation", "account.signUpWithInvitation", "account.requestPasswordReset", "account.passwordReset", "account.resetPassword", "complaints.view", "complaints.reply", "complaints.accept", "complaints.disagree"];

/**
 * Namespaces not scoped by a merchant: the operator platform (checked below), the signed-in user's own data.
 * Every other procedure takes `mchNo` and must answer NOT_FOUND to a non-member.
 */
const NOT_MERCHANT_SCOPED = ["admin.", "viewer.", "account.", "complaintsAdmin.", "adminAlerts.", "adminRisk."];
const merchantScoped = procedures.filter((p) => !PUBLIC_PROCEDURES.includes(p) && !NOT_MERCHANT_SCOPED.some((ns) => p.startsWith(ns)));

async function call(email: string | null, path: string, input: unknown) {
  const caller = (await callerAs(email)) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const [namespace, name] = path.split(".");
  return outcome(caller[namespace][name](input));
}

describe("tenant isolation and roles", () => {
  it("refuses every procedure but the cashier's to a signed-out visitor", async () => {
    expect(procedures.length).toBeGreaterThan(3);
    expect(procedures.filter((p) => p.startsWith("cashier.") || PUBLIC_PROCEDURES.includes(p)).sort()).toEqual([...PUBLIC_PROCEDURES].sort());
    for (const path of procedures.filter((p) => !PUBLIC_PROCEDURES.includes(p))) {
      expect(await call(null, path, { mchNo: DEMO }), path).toBe("UNAUTHORIZED");
    }
  });

  it("never lets a member of one merchant reach another merchant's data", async () => {
    expect(merchantScoped).toContain("merchant.overview");
    for (const path of merchantScoped) {
      expect(await call("owner@acme.local", path, { mchNo: DEMO }), path).toBe("NOT_FOUND");
      expect(await call("finance@demo.local", path, { mchNo: ACME }), path).toBe("NOT_FOUND");
      expect(await call("owner@demo.local", path, { mchNo: "M99999999" }), path).toBe("NOT_FOUND");
    }
  });

  it("lets each role do only what its capabilities allow", async () => {
    expect(await call("owner@demo.local", "merchant.apps", { mchNo: DEMO })).toBe("OK");
    expect(await call("dev@demo.local", "merchant.apps", { mchNo: DEMO })).toBe("OK");
    expect(await call("finance@demo.local", "merchant.apps", { mchNo: DEMO })).toBe("FORBIDDEN");
    expect(await call("viewer@demo.local", "merchant.apps", { mchNo: DEMO })).toBe("FORBIDDEN");
    for (const email of ["owner@demo.local", "dev@demo.local", "finance@demo.local", "viewer@demo.local"]) {
      expect(await call(email, "merchant.overview", { mchNo: DEMO }), email).toBe("OK");
    }
  });

  it("scopes the data itself to the merchant asked for", async () => {
    const dev = await callerAs("dev@demo.local");
    const demo = await dev.merchant.overview({ mchNo: DEMO });
    const acme = await dev.merchant.overview({ mchNo: ACME });
    expect(demo.merchant.mchNo).toBe(DEMO);
    expect(acme.merchant.mchNo).toBe(ACME);
    const demoAppIds = demo.apps.map((a) => a.id);
    expect(acme.apps.every((a) => !demoAppIds.includes(a.id))).toBe(true);
  });

  it("keeps the operator platform to operators", async () => {
    for (const email of ["owner@demo.local", "dev@demo.local", "finance@demo.local", "viewer@demo.local", "owner@acme.local"]) {
      expect(await call(email, "admin.merchants", undefined), email).toBe("FORBIDDEN");
    }
    const admin = await callerAs("admin@paycenter.local");
    expect((await admin.admin.merchants()).map((m) => m.mchNo).sort()).toEqual([DEMO, ACME]);
    // the operators' alerting (platform rules and targets, every merchant's incidents): every procedure
    for (const path of procedures.filter((p) => p.startsWith("adminAlerts."))) {
      for (const email of ["owner@demo.local", "dev@demo.local", "owner@acme.local"]) expect(await call(email, path, { id: "0190a000-0000-7000-8000-000000000000" }), `${path} ${email}`).toBe("FORBIDDEN");
    }
    // the operators' risk control (platform rules and blacklists, every merchant's decisions): operators only
    for (const path of procedures.filter((p) => p.startsWith("adminRisk."))) {
      for (const email of ["owner@demo.local", "finance@demo.local", "owner@acme.local"]) expect(await call(email, path, {}), `${email} ${path}`).toBe("FORBIDDEN");
    }
  });

  it("keeps a store cashier to the POS: every other merchant procedure is refused", async () => {
    expect(procedures.filter((p) => p.startsWith("pos."))).not.toHaveLength(0);
    for (const path of merchantScoped.filter((p) => !p.startsWith("pos."))) {
      expect(await call("cashier@demo.local", path, { mchNo: DEMO }), path).toBe("FORBIDDEN");
    }
    expect(await call("cashier@demo.local", "pos.takings", { mchNo: DEMO })).toBe("OK");
  });

  it("never sends secrets or credentials to the console", async () => {
    const apps = await (await callerAs("owner@demo.local")).merchant.apps({ mchNo: DEMO });
    const text = JSON.stringify(apps, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toMatch(/secret|credential|PRIVATE KEY|sk_test_/i);
    expect(apps[0].channelAccounts.map((a) => a.channel).sort()).toEqual(["alipay", "unionpay", "wechatpay"]);
  });
});

describe("the public cashier procedures", () => {
  /** An order of the merchant's TEST app, with an attempt carrying payer data that must never come back. */
  async function orderOf(mchNo: string, subject: string) {
    const app = await db.app.findFirstOrThrow({ where: { merchant: { mchNo } } });
    const account = await db.channelAccount.findFirstOrThrow({ where: { appId: app.id, channel: "wechatpay" } });
    const payOrderNo = newPayOrderNo();
    const order = await db.payOrder.create({
      data: {
        payOrderNo,
        merchantId: app.merchantId,
        appId: app.id,
        mchOrderNo: `MCH-SECRET-${randomBytes(4).toString("hex")}`,
        amount: 12800n,
        currency: "CNY",
        subject,
        notifyUrl: "https://mall.example/private-notify",
        returnUrl: "https://mall.example/orders/1",
        metadata: { internalCustomerId: "CUST-PRIVATE-7" },
        expireInSeconds: 1800,
        expiresAt: new Date(Date.now() + 1_800_000),
        paramsHash: "x",
      },
    });
    await db.payment.create({
      data: {
        attemptNo: `${payOrderNo}-1`,
        payOrderNo,
        seq: 1,
        merchantId: app.merchantId,
        appId: app.id,
        channelAccountId: account.id,
        channel: "wechatpay",
        mode: "native",
        amount: 12800n,
        currency: "CNY",
        status: "PROCESSING",
        paramsHash: "x",
        payer: { openid: "o-PRIVATE-OPENID", clientIp: "203.0.113.77" },
        payData: { type: "qr_code", codeUrl: "weixin://wxpay/bizpayurl?pr=demo" },
      },
    });
    return order;
  }

  it("answer a signed-out consumer with that one order, only what the cashier shows, never a secret", async () => {
    const demo = await orderOf(DEMO, "Demo sofa");
    const acme = await orderOf(ACME, "Acme service fee");
    const visitor = await callerAs(null);
    const view = await visitor.cashier.order({ payOrderNo: demo.payOrderNo });
    expect(view).toMatchObject({ payOrderNo: demo.payOrderNo, subject: "Demo sofa", amount: 12800n, phase: "payable" });
    expect(view.attempt?.payData).toEqual({ type: "qr_code", codeUrl: "weixin://wxpay/bizpayurl?pr=demo" });
    expect(Object.keys(view).sort()).toEqual(Object.keys(cashierOrderSchema.shape).sort());

    const text = JSON.stringify(view, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toContain(acme.payOrderNo);
    expect(text).not.toMatch(/Acme|MCH-SECRET|private-notify|CUST-PRIVATE|PRIVATE-OPENID|203\.0\.113\.77/);
    expect(text).not.toMatch(/secret|credential|PRIVATE KEY|sk_test_|notifyUrl|mchOrderNo|metadata|payer|appId|merchantId/i);
  });

  it("answer an unknown or made-up order number with NOT_FOUND, whatever the procedure", async () => {
    const visitor = await callerAs(null);
    for (const payOrderNo of [newPayOrderNo(), "P1", "' OR 1=1 --", "x".repeat(64)]) {
      expect(await outcome(visitor.cashier.order({ payOrderNo })), payOrderNo).toBe("NOT_FOUND");
      expect(await outcome(visitor.cashier.check({ payOrderNo })), payOrderNo).toBe("NOT_FOUND");
      expect(await outcome(visitor.cashier.pay({ payOrderNo, channel: "wechatpay" })), payOrderNo).toBe("NOT_FOUND");
      expect(await outcome(visitor.cashier.assets({ payOrderNo })), payOrderNo).toBe("NOT_FOUND");
      expect(await outcome(visitor.cashier.trade({ payOrderNo })), payOrderNo).toBe("NOT_FOUND");
      const trade = { payOrderNo, tradeNo: "cashier-AAAAAAAAAAAAAAAAAAAAAAAA", couponNo: null, points: 0n, walletAmount: 0n };
      expect(await outcome(visitor.cashier.payTrade(trade)), payOrderNo).toBe("NOT_FOUND");
    }
    expect(await outcome(visitor.cashier.order({ payOrderNo: "x".repeat(65) }))).toBe("BAD_REQUEST");
  });
});

describe("complaints across tenants", () => {
  it("keeps a merchant's complaints, their actions and the operator queue to those allowed, and the consumer's page to its token", async () => {
    const demo = await db.merchant.findUniqueOrThrow({ where: { mchNo: DEMO }, include: { apps: true } });
    const complaint = await db.complaint.create({
      data: {
        complaintNo: newComplaintNo(),
        merchantId: demo.id,
        appId: demo.apps[0].id,
        payOrderNo: newPayOrderNo(),
        contactPhone: "13800138000",
        reason: "OTHER",
        description: "Tenant isolation check",
        slaDueAt: new Date(Date.now() + 3600_000),
        viewToken: newViewToken(),
      },
    });
    const { complaintNo } = complaint;
    for (const path of ["complaints.get", "complaints.answer", "complaints.reject", "complaints.refund"]) {
      const input = { mchNo: ACME, complaintNo, body: "Hello there", reason: "Not ours", amount: "1.00", note: "n" };
      expect(await call("owner@acme.local", path, input), path).toBe("NOT_FOUND");
    }
    const acmeList = await (await callerAs("owner@acme.local")).complaints.list({ mchNo: ACME });
    expect(acmeList.rows.map((r) => r.complaintNo)).not.toContain(complaintNo);
    for (const email of ["owner@demo.local", "finance@demo.local", "owner@acme.local"]) {
      expect(await call(email, "complaintsAdmin.list", {}), email).toBe("FORBIDDEN");
      expect(await call(email, "complaintsAdmin.get", { complaintNo }), email).toBe("FORBIDDEN");
    }
    expect(await call("viewer@demo.local", "complaints.get", { mchNo: DEMO, complaintNo })).toBe("FORBIDDEN");
    expect(await call(null, "complaints.view", { complaintNo, token: newViewToken() })).toBe("NOT_FOUND");
    expect(await call(null, "complaints.accept", { complaintNo, token: "x".repeat(43) })).toBe("NOT_FOUND");
    expect(await call(null, "complaints.view", { complaintNo, token: complaint.viewToken })).toBe("OK");
    const seen = await (await callerAs(null)).complaints.view({ complaintNo, token: complaint.viewToken });
    expect(JSON.stringify(seen, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain("13800138000");
  });
});

describe("request logs across tenants", () => {
  it("shows a merchant's request log to its owner and developers only, and a logged request to nobody else", async () => {
    const app = await db.app.findFirstOrThrow({ where: { merchant: { mchNo: DEMO } }, select: { id: true, merchantId: true } });
    const row = await db.apiRequestLog.create({
      data: { appId: app.id, merchantId: app.merchantId, requestId: "req_tenant_isolation", method: "GET", path: "/api/v1/x", route: "/api/v1/x", status: 404, latencyMs: 3, authenticated: true },
    });
    expect(await call("dev@demo.local", "requestLogs.get", { mchNo: DEMO, id: String(row.id) })).toBe("OK");
    expect(await call("owner@demo.local", "requestLogs.list", { mchNo: DEMO, appId: app.id, q: "req_tenant_isolation" })).toBe("OK");
    for (const email of ["finance@demo.local", "viewer@demo.local"]) {
      expect(await call(email, "requestLogs.list", { mchNo: DEMO }), email).toBe("FORBIDDEN");
      expect(await call(email, "requestLogs.get", { mchNo: DEMO, id: String(row.id) }), email).toBe("FORBIDDEN");
    }
    // through another merchant (dev@demo.local is a developer of both): the row and the app are unknown there
    expect(await call("dev@demo.local", "requestLogs.get", { mchNo: ACME, id: String(row.id) })).toBe("NOT_FOUND");
    expect(await call("dev@demo.local", "requestLogs.list", { mchNo: ACME, appId: app.id })).toBe("NOT_FOUND");
    expect(await call("owner@acme.local", "requestLogs.get", { mchNo: ACME, id: String(row.id) })).toBe("NOT_FOUND");
  });
});
