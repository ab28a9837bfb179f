import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { IN_PROGRESS_STALE_MS, requestHash } from "@/server/openapi/idempotency";
import { settleTrade } from "@/server/sandbox/trades";
import { syncPayment } from "@/server/services/payments/sync-payment";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { eventually, sandboxMerchantFor, setFaults } from "@/server/testing/payment-fixtures";

/**
 * An attempt is committed (CREATED) before its channel is called. A crash in between, or during the
 * call, leaves it without payData; so does a call that timed out. Each case below puts the database
 * exactly where such a crash leaves it, then checks that the order can still be paid: the identical
 * request, status sync and `?sync=true` resume the attempt (same out_trade_no) instead of replaying
 * `payData: null`.
 */
const env = useDemoPaymentEnv(async () => {
  await db.app.update({ where: { id: DEMO_APP.id }, data: { repeatGuardSeconds: 0 } });
  invalidateApiApp();
});
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let counter = 0;
const newOrder = () => ({ mchOrderNo: `AR${Date.now()}${counter++}`, amount: 12800, subject: "Sofa deposit", channel: "wechatpay", mode: "native" });

afterEach(async () => {
  await setFaults(DEMO_APP.id, "wechatpay", {});
});

async function tradeOf(attemptNo: string) {
  const merchant = await sandboxMerchantFor(DEMO_APP.id, "wechatpay");
  return db.sandboxTrade.findUnique({ where: { sandboxMerchantId_outTradeNo: { sandboxMerchantId: merchant.id, outTradeNo: attemptNo } } });
}

/**
 * Creates an order through the API, then puts its attempt back where a process killed around the pay
 * call leaves it: CREATED, no answer recorded, made longer ago than any live request could still be
 * calling; `reachedChannel: false` also removes the channel's trade (killed before the call arrived).
 */
async function crashedOrder(reachedChannel: boolean) {
  const body = newOrder();
  const created = await api("/api/v1/pay-orders", { body });
  expect(created.status).toBe(201);
  const attemptNo = created.json.attempts[0].attemptNo as string;
  await db.payment.update({
    where: { attemptNo },
    data: { status: "CREATED", payData: undefined, payOutcome: null, payLatencyMs: null, createdAt: new Date(Date.now() - 60_000) },
  });
  await db.$executeRaw`UPDATE "Payment" SET "payData" = NULL WHERE "attemptNo" = ${attemptNo}`;
  if (!reachedChannel) await db.sandboxTrade.deleteMany({ where: { outTradeNo: attemptNo } });
  return { body, payOrderNo: created.json.payOrderNo as string, attemptNo, codeUrl: created.json.payData.codeUrl as string };
}

describe("an attempt whose pay call never got an answer", () => {
  it("killed before reaching the channel: the identical request sends it again, and the order can be paid", async () => {
    const { body, payOrderNo, attemptNo } = await crashedOrder(false);
    const again = await api("/api/v1/pay-orders", { body });
    expect(again.status).toBe(200);
    expect(again.json.payData).toMatchObject({ type: "qr_code", codeUrl: expect.stringMatching(/\S/) });
    expect(again.json.attempts).toEqual([expect.objectContaining({ attemptNo, status: "PROCESSING" })]);
    expect(await tradeOf(attemptNo)).toMatchObject({ state: "PENDING" });

    const simulated = await api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success" } });
    expect(simulated.status).toBe(202);
    await eventually(async () => (await api(`/api/v1/pay-orders/${payOrderNo}`)).json.status === "PAID");
  });

  it("killed after the channel made the trade: the same trade is answered again, not a second one", async () => {
    const { body, attemptNo, codeUrl } = await crashedOrder(true);
    const before = await tradeOf(attemptNo);
    const again = await api("/api/v1/pay-orders", { body });
    expect(again.status).toBe(200);
    expect(again.json.payData).toEqual({ type: "qr_code", codeUrl });
    expect((await tradeOf(attemptNo))?.id).toBe(before?.id);
  });

  it("paid at the channel meanwhile: the order is settled from the channel's answer, nothing is sent again", async () => {
    const { body, payOrderNo, attemptNo } = await crashedOrder(true);
    await setFaults(DEMO_APP.id, "wechatpay", { dropNotifications: true });
    await settleTrade((await tradeOf(attemptNo))!.id, "success");
    const again = await api("/api/v1/pay-orders", { body });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ payOrderNo, status: "PAID", paidAmount: 12800 });
    expect(await db.payment.count({ where: { payOrderNo } })).toBe(1);
  });

  it("status sync resumes it, and so does ?sync=true", async () => {
    const first = await crashedOrder(false);
    await syncPayment({ attemptNo: first.attemptNo, round: 0 });
    const read = await api(`/api/v1/pay-orders/${first.payOrderNo}`);
    expect(read.json.payData).toMatchObject({ type: "qr_code" });
    expect(read.json.attempts[0].status).toBe("PROCESSING");

    const second = await crashedOrder(false);
    const synced = await api(`/api/v1/pay-orders/${second.payOrderNo}?sync=true`);
    expect(synced.json.payData).toMatchObject({ type: "qr_code" });
    expect(await tradeOf(second.attemptNo)).toMatchObject({ state: "PENDING" });
  });

  it("timed out: the identical request asks again once the channel answers, instead of replaying no payData", async () => {
    await setFaults(DEMO_APP.id, "wechatpay", { timeoutPerMille: 1000 });
    const body = newOrder();
    const created = await api("/api/v1/pay-orders", { body });
    expect([created.status, created.json.error.code]).toEqual([502, "CHANNEL_ERROR"]);
    await setFaults(DEMO_APP.id, "wechatpay", {});
    const again = await api("/api/v1/pay-orders", { body });
    expect(again.status).toBe(200);
    expect(again.json.payData).toMatchObject({ type: "qr_code" });
    expect(again.json.attempts).toEqual([expect.objectContaining({ status: "PROCESSING" })]);
  }, 30_000);
});

describe("identical requests racing each other", () => {
  // The first request must still be calling the channel when the second arrives, however loaded the
  // machine: a slow sandbox answer, and a channel timeout well above it.
  const timeout = process.env.CHANNEL_TIMEOUT_MS;
  beforeAll(() => {
    process.env.CHANNEL_TIMEOUT_MS = "15000";
    resetEnvCache();
  });
  afterAll(() => {
    process.env.CHANNEL_TIMEOUT_MS = timeout;
    resetEnvCache();
  });

  it("one arriving while the first is still calling the channel waits for its answer", async () => {
    await setFaults(DEMO_APP.id, "wechatpay", { latencyMs: 2_000 });
    const body = newOrder();
    const first = api("/api/v1/pay-orders", { body });
    await eventually(async () => (await db.payOrder.count({ where: { mchOrderNo: body.mchOrderNo, payments: { some: {} } } })) > 0, 5_000);
    const second = await api("/api/v1/pay-orders", { body });
    const answered = await first;
    expect(answered.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.json.payData).toEqual(answered.json.payData);
    expect(second.json.payData).toMatchObject({ type: "qr_code" });
  }, 40_000);

  it("two creating the same new order end on one attempt with one answer", async () => {
    await setFaults(DEMO_APP.id, "wechatpay", { latencyMs: 500 });
    const body = newOrder();
    const answers = await Promise.all([api("/api/v1/pay-orders", { body }), api("/api/v1/pay-orders", { body })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0]!.json.payData).toMatchObject({ type: "qr_code" });
    expect(answers[1]!.json.payData).toEqual(answers[0]!.json.payData);
    const payOrderNo = answers[0]!.json.payOrderNo as string;
    expect(await db.payment.findMany({ where: { payOrderNo }, select: { status: true } })).toEqual([{ status: "PROCESSING" }]);
  }, 40_000);
});

describe("an Idempotency-Key claimed by a request that died", () => {
  it("answers 409 while it may still run, and lets the same request take it over once it cannot", async () => {
    const body = newOrder();
    const raw = JSON.stringify(body);
    const key = `dead-${body.mchOrderNo}`;
    await db.idempotencyKey.create({
      data: { appId: DEMO_APP.id, key, method: "POST", path: "/api/v1/pay-orders", requestHash: requestHash("POST", "/api/v1/pay-orders", raw), expiresAt: new Date(Date.now() + 3600_000) },
    });
    const running = await api("/api/v1/pay-orders", { raw, headers: { "idempotency-key": key } });
    expect([running.status, running.json.error.code]).toEqual([409, "IDEMPOTENCY_IN_PROGRESS"]);
    await db.idempotencyKey.update({ where: { appId_key: { appId: DEMO_APP.id, key } }, data: { createdAt: new Date(Date.now() - IN_PROGRESS_STALE_MS - 1_000) } });
    const other = await api("/api/v1/pay-orders", { body: { ...body, subject: "Other" }, headers: { "idempotency-key": key } });
    expect([other.status, other.json.error.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    const retried = await api("/api/v1/pay-orders", { raw, headers: { "idempotency-key": key } });
    expect(retried.status).toBe(201);
    expect(retried.json.payData).toMatchObject({ type: "qr_code" });
  });
});
