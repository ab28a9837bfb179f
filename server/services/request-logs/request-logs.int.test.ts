import { parseCronItems, runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newEventId } from "@/server/domain/ids";
import { enqueueJob } from "@/server/jobs/enqueue";
import { cronItems, taskList } from "@/server/jobs/registry";
import { cleanupRequestLogs } from "@/server/jobs/tasks/request-log-jobs";
import { callerAs } from "@/server/testing/callers";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { ACME_APP, DEMO_APP, openApiClient, useFixedDemoApps } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { seedIfEmpty } from "@/prisma/seed";
import { flushRequestLogs } from "./request-log-buffer";

const DEMO = "M10000001";
let harness: Harness;
let api: ReturnType<typeof openApiClient>;

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
  api = openApiClient(harness.url, DEMO_APP);
});
afterAll(async () => {
  await harness?.close();
});

let counter = 0;
const requestId = (tag: string) => `req_${tag}_${Date.now()}_${counter++}`;

/** The logged row of a request, once the process has built and flushed it. */
async function loggedRow(id: string) {
  return eventually(async () => {
    await flushRequestLogs();
    return db.apiRequestLog.findFirst({ where: { requestId: id } });
  });
}

describe("the Open API request log", () => {
  it("records a failed request with its fields and a redacted body, found by request id and by Idempotency-Key", async () => {
    const id = requestId("fail");
    const key = `idem-${id}`;
    const order = {
      sourceOrderNo: `LOG-${id}`.slice(0, 64),
      type: "standard",
      scene: "mall",
      buyer: { id: "U1001", name: "张三", phone: "13800138000" },
      lines: [{ sku: "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: 399900 }],
      payableAmount: 1, // wrong on purpose: Σ lines is 399900
    };
    const answer = await api("/api/v1/orders", { body: order, headers: { "x-request-id": id, "idempotency-key": key } });
    expect(answer.status).toBe(400);

    const row = await loggedRow(id);
    expect(row).toMatchObject({
      appId: DEMO_APP.id,
      method: "POST",
      path: "/api/v1/orders",
      route: "/api/v1/orders",
      status: 400,
      errorCode: "VALIDATION_FAILED",
      idempotencyKey: key,
      authenticated: true,
      signType: "HMAC-SHA256",
    });
    expect(row.latencyMs).toBeGreaterThanOrEqual(0);
    expect(row.requestBody).toMatchObject({ buyer: { id: "U1001", name: "张*", phone: "138****8000" }, lines: [{ name: "三人沙发" }], payableAmount: 1 });
    expect(JSON.stringify(row.requestBody)).not.toContain("13800138000");
    expect(row.responseBody).toMatchObject({ error: { code: "VALIDATION_FAILED" }, requestId: id });

    const dev = await callerAs("dev@demo.local");
    const byId = await dev.requestLogs.list({ mchNo: DEMO, appId: DEMO_APP.id, q: id });
    expect(byId.rows.map((r) => r.requestId)).toEqual([id]);
    const byKey = await dev.requestLogs.list({ mchNo: DEMO, appId: DEMO_APP.id, q: key });
    expect(byKey.rows.map((r) => r.requestId)).toEqual([id]);
    // the search is exact, and the status class and path filters narrow it
    expect((await dev.requestLogs.list({ mchNo: DEMO, appId: DEMO_APP.id, q: id.slice(0, -1) })).rows).toEqual([]);
    expect((await dev.requestLogs.list({ mchNo: DEMO, appId: DEMO_APP.id, q: id, statusClass: "2xx" })).rows).toEqual([]);
    expect((await dev.requestLogs.list({ mchNo: DEMO, appId: DEMO_APP.id, q: id, statusClass: "4xx", path: "/api/v1/ord" })).rows).toHaveLength(1);
    expect((await dev.requestLogs.list({ mchNo: DEMO, appId: DEMO_APP.id, q: id, path: "/api/v1/refunds" })).rows).toEqual([]);
    // the other app's log does not have it
    expect((await dev.requestLogs.list({ mchNo: "M10000002", appId: ACME_APP.id, q: id })).rows).toEqual([]);
  });

  it("links a request to its pay order and shows that order's webhook deliveries", async () => {
    const id = requestId("ok");
    const created = await api("/api/v1/pay-orders", {
      body: { mchOrderNo: `LOG${Date.now()}${counter++}`, amount: 100, subject: "log", channel: "wechatpay", mode: "native", payer: { openid: "o8GeHuLAsgefS_4Kr4lgYXQrUtdk" } },
      headers: { "x-request-id": id },
    });
    expect(created.status).toBe(201);
    const row = await loggedRow(id);
    expect(row).toMatchObject({ status: 201, errorCode: null, payOrderNo: created.json.payOrderNo });

    const event = await db.event.create({
      data: { id: newEventId(), merchantId: row.merchantId, appId: DEMO_APP.id, type: "payment.succeeded", payOrderNo: created.json.payOrderNo, data: {} },
    });
    await db.webhookDelivery.create({
      data: { eventId: event.id, merchantId: row.merchantId, appId: DEMO_APP.id, url: "https://203.0.113.10/notify", status: "FAILED", attemptCount: 1, attempts: { create: { statusCode: 500, latencyMs: 12 } } },
    });
    const detail = await (await callerAs("owner@demo.local")).requestLogs.get({ mchNo: DEMO, id: String(row.id) });
    expect(detail.log.requestId).toBe(id);
    expect(detail.deliveries.map((d) => [d.event.type, d.status, d.attempts[0]?.statusCode])).toEqual([["payment.succeeded", "FAILED", 500]]);
  });

  it("logs a refused signature as the app's (unverified), and nothing for an unknown app", async () => {
    const bad = requestId("badsig");
    const refused = await api("/api/v1/pay-orders/P20261122000000000AAAAAAAA", { secret: "not-the-secret", headers: { "x-request-id": bad } });
    expect(refused.json.error.code).toBe("INVALID_SIGNATURE");
    expect(await loggedRow(bad)).toMatchObject({ appId: DEMO_APP.id, status: 401, errorCode: "INVALID_SIGNATURE", authenticated: false });

    const nobody = requestId("nobody");
    const unknown = await openApiClient(harness.url, { id: "app_NOSUCHAPP0000000", secret: "x" })("/api/v1/pay-orders/P20261122000000000AAAAAAAA", { headers: { "x-request-id": nobody } });
    expect(unknown.json.error.code).toBe("APP_NOT_FOUND");
    // a later request of the app is logged, so the unknown one had its chance to be written too
    const after = requestId("after");
    await api("/api/v1/pay-orders/P20261122000000000AAAAAAAA", { headers: { "x-request-id": after } });
    await loggedRow(after);
    expect(await db.apiRequestLog.count({ where: { requestId: nobody } })).toBe(0);
  });

  it("deletes rows older than REQUEST_LOG_DAYS every hour, and keeps the rest", async () => {
    expect(cronItems()).toContainEqual(expect.objectContaining({ task: "cleanup-request-logs", match: "17 * * * *" }));
    expect(() => parseCronItems(cronItems())).not.toThrow();
    const base = { appId: DEMO_APP.id, merchantId: "m", method: "GET", path: "/api/v1/x", route: "/api/v1/x", status: 200, latencyMs: 1, authenticated: true };
    const day = 86_400_000;
    await db.apiRequestLog.createMany({
      data: [
        { ...base, requestId: "req_retention_old1", createdAt: new Date(Date.now() - 8 * day) },
        { ...base, requestId: "req_retention_old2", createdAt: new Date(Date.now() - 7 * day - 60_000) },
        { ...base, requestId: "req_retention_new", createdAt: new Date(Date.now() - 6 * day) },
      ],
    });
    await db.$transaction((tx) => enqueueJob(tx, cleanupRequestLogs, { batchSize: 1 }));
    await runOnce({ connectionString: process.env.DATABASE_URL, taskList: taskList({ only: ["cleanup-request-logs"] }) });
    const left = await db.apiRequestLog.findMany({ where: { requestId: { startsWith: "req_retention_" } }, select: { requestId: true } });
    expect(left.map((r) => r.requestId)).toEqual(["req_retention_new"]);
  });
});
