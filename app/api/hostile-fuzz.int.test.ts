import { describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { seeded } from "@/server/testing/fuzz/random";
import { type HttpCase, type Known, licenceCase, notifyCase, openApiCase, orderCenterCase, sandboxCase, trpcCase } from "@/server/testing/fuzz/requests";
import { ANSWER_WITHIN_MS, runCases, sendCase, Tally } from "@/server/testing/fuzz/send";
import { procedureInput, type TrpcKnown } from "@/server/testing/fuzz/trpc-inputs";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { ACME_APP, DEMO_APP } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { appRouter } from "@/server/trpc/root";

/**
 * The hostile-input fuzzer of issue #13, in CI: thousands of mangled requests over real HTTP to every
 * route the test harness serves — the Open API (signed and not), channel callbacks, the sandbox
 * channels, every tRPC procedure (public ones signed out, merchant ones as a member, operator ones as
 * an operator) and the licence routes. Each must be answered within 10 s, never with a 5xx, with the
 * envelope where the contract promises it, and write nothing a 2xx did not report. The cashier pages
 * need Next.js: `npm run test:fuzz` runs the same generators against the production server.
 * A seed reproduces a run: FUZZ_SEED=… (default fixed).
 */
type SessionUser = { id: string; email: string; name: string; platformRole: "ADMIN" | null };
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => session.user }));

const env = useDemoPaymentEnv();
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures);

async function signIn(email: string | null): Promise<void> {
  const user = email ? await db.user.findUniqueOrThrow({ where: { email } }) : null;
  session.user = user && { id: user.id, email: user.email, name: user.name, platformRole: user.platformRole };
}

/** A paid order with a refund, a pending one: ids that reach past "not found". */
async function knownData(): Promise<Known> {
  const pending = await env.api("/api/v1/pay-orders", { body: { mchOrderNo: `FK${Date.now()}`, amount: 500, subject: "fuzz", channel: "wechatpay", mode: "native" } });
  const paid = await env.api("/api/v1/pay-orders", { body: { mchOrderNo: `FK${Date.now()}P`, amount: 500, subject: "fuzz", channel: "alipay", mode: "qr" } });
  await env.api(`/api/v1/sandbox/pay-orders/${paid.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
  await eventually(async () => (await env.api(`/api/v1/pay-orders/${paid.json.payOrderNo}`)).json.status === "PAID");
  const refund = await env.api("/api/v1/refunds", { body: { payOrderNo: paid.json.payOrderNo, mchRefundNo: `FKR${Date.now()}`, amount: 100 } });
  const accounts = await db.channelAccount.findMany({ select: { id: true } });
  return { payOrderNos: [pending.json.payOrderNo, paid.json.payOrderNo], refundNos: [refund.json.refundNo], accountIds: accounts.map((a) => a.id), mchNos: ["M10000001", "M10000002"] };
}

/** Orders of the order center (one pending, one paid) and an after-sale id shape, so some requests reach past "not found". */
async function orderCenterKnown(): Promise<{ orderNos: string[]; afterSaleIds: string[] }> {
  const order = (suffix: string) => ({
    sourceOrderNo: `FZK${Date.now()}${suffix}`,
    type: "standard",
    scene: "mall",
    buyer: { id: "U1" },
    lines: [{ sku: "SKU-1", name: "fuzz", quantity: 2, unitPrice: 100 }],
    payableAmount: 200,
  });
  const pending = await env.api("/api/v1/orders", { body: order("A") });
  const paid = await env.api("/api/v1/orders", { body: order("B") });
  const payOrderNo = paid.json.payments?.[0]?.payOrderNo;
  if (payOrderNo) {
    await env.api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success", channel: "alipay", mode: "qr" } });
    await eventually(async () => (await env.api(`/api/v1/pay-orders/${payOrderNo}`)).json.status === "PAID");
  }
  return { orderNos: [pending.json.orderNo, paid.json.orderNo].filter(Boolean), afterSaleIds: ["A20261122103000123K7M2Q9XT"] };
}

async function acmeKnown(): Promise<TrpcKnown> {
  const app = await db.app.findUniqueOrThrow({ where: { id: ACME_APP.id } });
  const account = await db.channelAccount.findFirstOrThrow({ where: { appId: app.id } });
  const order = await db.payOrder.findFirst({ where: { appId: app.id } });
  return { mchNo: "M10000002", appId: app.id, payOrderNo: order?.payOrderNo ?? "P20261122103000123K7M2Q9XT", refundNo: "F20261122103000123K7M2Q9XT", accountId: account.id };
}

describe("hostile-input fuzzing over every route the harness serves", () => {
  it("answers every request within 10 s, never 5xx, with the envelope where promised, writing only what it reports", async () => {
    const random = seeded(SEED);
    const known = await knownData();
    const tally = new Tally();
    const send = (c: HttpCase) => sendCase(env.harness.url, c);

    // The Open API, signed (and some not): count what 2xx answers report created, against the tables.
    const [ordersBefore, refundsBefore] = await Promise.all([db.payOrder.count(), db.refund.count()]);
    const created = { payOrderNos: new Set<string>(), refundNos: new Set<string>() };
    const refusedByChannel: string[] = [];
    const openApi = Array.from({ length: 1500 }, () => openApiCase(random, known, DEMO_APP));
    await runCases(openApi, 12, async (c) => {
      const outcome = await send(c);
      if (c.method === "POST" && outcome.status === 201 && c.path === "/api/v1/pay-orders") created.payOrderNos.add(JSON.parse(outcome.text ?? "{}").payOrderNo);
      // the channel refused the first payment (a declined payment code): the order stays, payable, as documented
      if (c.method === "POST" && outcome.status === 502 && c.path === "/api/v1/pay-orders") refusedByChannel.push(JSON.parse(String(c.body)).mchOrderNo);
      if (c.method === "POST" && outcome.status === 201 && c.path === "/api/v1/refunds") created.refundNos.add(JSON.parse(outcome.text ?? "{}").refundNo);
      return outcome;
    }, tally);
    const keptAfterRefusal = await db.payOrder.count({ where: { appId: DEMO_APP.id, mchOrderNo: { in: refusedByChannel }, payOrderNo: { notIn: [...created.payOrderNos] } } });
    expect(await db.payOrder.count()).toBe(ordersBefore + created.payOrderNos.size + keptAfterRefusal);
    expect(await db.refund.count()).toBeGreaterThanOrEqual(refundsBefore + created.refundNos.size); // + automatic refunds of duplicate payments

    // The order center: orders a 2xx did not report are a partial write (imports and split children aside)
    const center = await orderCenterKnown();
    const standalone = { importId: null, parentOrderNo: null };
    const centerBefore = await db.order.count({ where: standalone });
    const createdOrders = new Set<string>();
    await runCases(Array.from({ length: 600 }, () => orderCenterCase(random, center, DEMO_APP)), 8, async (c) => {
      const outcome = await send(c);
      if (c.method === "POST" && outcome.status === 201 && c.path === "/api/v1/orders") createdOrders.add(JSON.parse(outcome.text ?? "{}").orderNo);
      return outcome;
    }, tally);
    expect(await db.order.count({ where: standalone })).toBe(centerBefore + createdOrders.size);

    await runCases(Array.from({ length: 300 }, () => notifyCase(random, known)), 8, send, tally);
    await runCases(Array.from({ length: 150 }, () => sandboxCase(random)), 8, send, tally);

    // tRPC over HTTP: public procedures signed out, merchant ones as ACME's owner, operator ones as the operator
    const acme = await acmeKnown();
    const phases: [string | null, (p: string) => boolean, number][] = [
      [null, () => true, 300],
      ["owner@acme.local", (p) => !p.startsWith("admin."), 700],
      ["admin@paycenter.local", (p) => p.startsWith("admin.") || p.startsWith("viewer."), 200],
    ];
    for (const [email, include, count] of phases) {
      await signIn(email);
      const paths = procedures.filter(include);
      await runCases(Array.from({ length: count }, () => trpcCase(random, paths, () => procedureInput(random, acme))), 8, send, tally);
    }

    // the licence routes, as a member of M10000001
    await signIn("owner@demo.local");
    await runCases(Array.from({ length: 150 }, () => licenceCase(random, known)), 4, send, tally);
    await signIn(null);

    console.log(`[fuzz] seed ${SEED}: ${tally.summary()}`);
    expect(tally.failures).toEqual([]);
    expect(tally.serverErrors).toBe(0);
    expect(tally.slowestMs).toBeLessThan(ANSWER_WITHIN_MS);
    expect(tally.total).toBeGreaterThan(3000);
    expect(tally.statuses.get(400) ?? 0).toBeGreaterThan(300);
  }, 300_000);
});
