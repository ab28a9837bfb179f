import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { removeAppRsaKey, setAppRsaKey } from "@/server/services/apps/app-rsa-key";
import { updateAppRateLimit } from "@/server/services/apps/update-app-rate-limit";
import { ACME_APP, DEMO_APP } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { PayCenter, PayCenterError, verifyWebhook, type WebhookEvent } from "@/packages/sdk/src/index";

/**
 * The SDK against the real server (the app's route handlers on a real HTTP port, the sandbox channels,
 * the job worker): a whole payment and refund, the order list page by page, retries that the server
 * answers once, an error typed by its code, and a webhook verified as a merchant's receiver would.
 */
const env = useDemoPaymentEnv();
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now()}${counter++}`;
const client = (options: Partial<ConstructorParameters<typeof PayCenter>[0]> = {}) =>
  new PayCenter({ baseUrl: env.harness.url, appId: DEMO_APP.id, secret: DEMO_APP.secret, retry: { baseDelayMs: 10 }, ...options });

describe("the SDK against the server", () => {
  it("pays an order through the sandbox and refunds part of it", async () => {
    const paycenter = client();
    const created = await paycenter.payOrders.create({ mchOrderNo: unique("SDK"), amount: 12800, subject: "SDK sofa", channel: "wechatpay", mode: "native" });
    expect(created).toMatchObject({ status: "PENDING", amount: 12800, channel: "wechatpay", payData: { type: "qr_code" } });
    expect(paycenter.lastCall).toMatchObject({ status: 201, tries: 1 });
    expect(paycenter.lastCall?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    await paycenter.sandbox.simulatePayment(created.payOrderNo, { outcome: "success" });
    const paid = await eventually(async () => {
      const order = await paycenter.payOrders.retrieve(created.payOrderNo);
      return order.status === "PAID" && order;
    });
    expect(paid).toMatchObject({ paidAmount: 12800, refundedAmount: 0 });
    expect(await paycenter.payOrders.retrieveByMchOrderNo(created.mchOrderNo)).toMatchObject({ payOrderNo: created.payOrderNo, status: "PAID" });

    const refund = await paycenter.refunds.create({ payOrderNo: created.payOrderNo, mchRefundNo: unique("SDKR"), amount: 5000, reason: "size" });
    expect(refund).toMatchObject({ payOrderNo: created.payOrderNo, amount: 5000 });
    // a sandbox refund nobody simulates succeeds by itself within seconds, as a real channel's would
    // (simulating it here would race that: 409 once it has settled)
    await eventually(async () => (await paycenter.refunds.retrieve(refund.refundNo)).status === "SUCCEEDED", 25_000);
    expect(await paycenter.refunds.retrieveByMchRefundNo(refund.mchRefundNo)).toMatchObject({ refundNo: refund.refundNo, status: "SUCCEEDED" });
    expect(await paycenter.payOrders.retrieve(created.payOrderNo)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedAmount: 5000 });
  });

  it("walks the order list page by page with the async iterator", async () => {
    const paycenter = client();
    const buyerId = unique("B");
    const pushed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const order = await paycenter.orders.create({
        sourceOrderNo: unique("SDKO"),
        type: "standard",
        scene: "mall",
        buyer: { id: buyerId },
        lines: [{ sku: "SKU-1", name: "Chair", quantity: 1, unitPrice: 1000 + i }],
        payableAmount: 1000 + i,
        openPayment: false,
      });
      pushed.push(order.orderNo);
    }
    const first = await paycenter.orders.list({ buyerId, limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.hasMore).toBe(true);

    const seen: string[] = [];
    let pages = 0;
    for await (const order of paycenter.orders.listAll({ buyerId, limit: 2 })) {
      seen.push(order.orderNo);
      if (seen.length % 2 === 1) pages++;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(pushed.sort());
  });

  it("retries a POST whose answer was lost, with the same Idempotency-Key, and the server answers it once", async () => {
    let lost = 0;
    const paycenter = client({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        // the first answer never reaches the caller (a connection reset after the server committed)
        if (lost++ === 0) throw new TypeError("fetch failed: socket hang up");
        return response;
      },
    });
    const mchOrderNo = unique("SDKL");
    const order = await paycenter.payOrders.create({ mchOrderNo, amount: 990, subject: "Lost answer", mode: "cashier" });
    expect(paycenter.lastCall?.tries).toBe(2);
    expect(await db.payOrder.count({ where: { appId: DEMO_APP.id, mchOrderNo } })).toBe(1);
    const stored = await db.idempotencyKey.findFirst({ where: { key: paycenter.lastCall?.idempotencyKey as string } });
    expect(stored?.responseStatus).toBe(201);
    expect(order.mchOrderNo).toBe(mchOrderNo);
  });

  it("waits Retry-After after a 429 and a backoff after a 503, then succeeds", async () => {
    const answers = [
      new Response(JSON.stringify({ error: { code: "RATE_LIMITED", message: "slow down" }, requestId: "req_fake1" }), { status: 429, headers: { "retry-after": "2", "content-type": "application/json" } }),
      new Response(JSON.stringify({ error: { code: "SERVICE_UNAVAILABLE", message: "failing over" }, requestId: "req_fake2" }), { status: 503, headers: { "content-type": "application/json" } }),
    ];
    const waits: number[] = [];
    const paycenter = client({
      fetch: async (input, init) => answers.shift() ?? fetch(input, init),
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });
    const assets = await paycenter.buyers.assets(unique("NOBODY"));
    expect(assets).toMatchObject({ wallet: { balance: 0, frozen: 0 }, coupons: [] });
    expect(paycenter.lastCall?.tries).toBe(3);
    expect(waits).toEqual([2000, 15]); // Retry-After 2 s; then the second backoff: min(8 s, 10 ms × 2) = 20 ms, jittered to 10 + 0.5 × 10
  });

  it("throws a PayCenterError typed by its code, with status, request id and field", async () => {
    const paycenter = client();
    const missing = await paycenter.payOrders.retrieve("P00000000000000000NOSUCH").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(PayCenterError);
    const error = missing as PayCenterError;
    expect(error.is("ORDER_NOT_FOUND")).toBe(true);
    expect(error).toMatchObject({ status: 404, family: "not_found" });
    expect(error.requestId).toMatch(/^req_/);

    const invalid = (await paycenter.payOrders.create({ mchOrderNo: unique("SDKV"), amount: 0, subject: "zero" }).catch((e: unknown) => e)) as PayCenterError;
    expect(invalid).toMatchObject({ code: "VALIDATION_FAILED", status: 400, field: "amount" });

    const wrongKey = new PayCenter({ baseUrl: env.harness.url, appId: DEMO_APP.id, secret: "not-the-secret" });
    expect(await wrongKey.events.list().catch((e: PayCenterError) => e.code)).toBe("INVALID_SIGNATURE");
  });

  it("verifies the webhook the server delivers for a payment", async () => {
    const received: { body: string; signature: string | undefined }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ body, signature: req.headers["x-paycenter-signature"] as string | undefined });
        res.writeHead(200).end("ok");
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const notifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;

    const paycenter = client();
    const order = await paycenter.payOrders.create({ mchOrderNo: unique("SDKW"), amount: 500, subject: "Webhook", channel: "alipay", mode: "qr", notifyUrl });
    await paycenter.sandbox.simulatePayment(order.payOrderNo, { outcome: "success" });
    const delivery = await eventually(async () => received.find((r) => r.body.includes(order.payOrderNo)));

    const event = verifyWebhook<WebhookEvent<{ payOrderNo: string; status: string }>>({ payload: delivery.body, header: delivery.signature, secret: DEMO_APP.secret });
    expect(event).toMatchObject({ type: "pay_order.succeeded", data: { payOrderNo: order.payOrderNo, status: "PAID" } });
    expect(() => verifyWebhook({ payload: delivery.body.replace("PAID", "PAIX"), header: delivery.signature, secret: DEMO_APP.secret })).toThrow(/no v1 signature/);
    expect(() => verifyWebhook({ payload: delivery.body, header: delivery.signature, secret: DEMO_APP.secret, now: Math.floor(Date.now() / 1000) + 3600 })).toThrow(/off/);
  });

  // the second demo merchant's app, so the key and the limit below leave the other tests' app alone
  const SYSTEM = { type: "SYSTEM" as const, id: "sdk-test" };
  const acmeMerchantId = async () => (await db.app.findUniqueOrThrow({ where: { id: ACME_APP.id } })).merchantId;

  it("signs with the app's own RSA key pair (SHA256withRSA) once its public key is uploaded; another key is refused", async () => {
    const merchantId = await acmeMerchantId();
    const privateKey = readFileSync("server/domain/fixtures/rsa/private.pem", "utf8");
    const rsa = () => new PayCenter({ baseUrl: env.harness.url, appId: ACME_APP.id, privateKey, retry: { maxRetries: 0 } });
    // no key uploaded yet: an RSA-signed request is refused
    await expect(rsa().buyers.assets(unique("RSA"))).rejects.toMatchObject({ code: "INVALID_SIGNATURE", status: 401 });
    await setAppRsaKey(merchantId, SYSTEM, ACME_APP.id, readFileSync("server/domain/fixtures/rsa/public.pem", "utf8"));
    try {
      const paycenter = rsa();
      const created = await paycenter.payOrders.create({ mchOrderNo: unique("SDKRSA"), amount: 990, subject: "RSA-signed", mode: "cashier" });
      expect(created).toMatchObject({ status: "PENDING", amount: 990 });
      expect(await paycenter.payOrders.retrieve(created.payOrderNo)).toMatchObject({ payOrderNo: created.payOrderNo });
      // a private key that is not the uploaded one's
      const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      const impostor = new PayCenter({ baseUrl: env.harness.url, appId: ACME_APP.id, privateKey: other, retry: { maxRetries: 0 } });
      await expect(impostor.payOrders.retrieve(created.payOrderNo)).rejects.toMatchObject({ code: "INVALID_SIGNATURE", status: 401 });
      // HMAC with the app secret keeps working beside it
      const hmac = new PayCenter({ baseUrl: env.harness.url, appId: ACME_APP.id, secret: ACME_APP.secret });
      expect(await hmac.payOrders.retrieve(created.payOrderNo)).toMatchObject({ payOrderNo: created.payOrderNo });
    } finally {
      await removeAppRsaKey(merchantId, SYSTEM, ACME_APP.id);
    }
  });

  it("meets the server's own 429 (RATE_LIMITED, Retry-After) and, with retries, waits it out and succeeds", async () => {
    const merchantId = await acmeMerchantId();
    await updateAppRateLimit(merchantId, SYSTEM, ACME_APP.id, { perSecond: 1, burst: 1 });
    try {
      const once = new PayCenter({ baseUrl: env.harness.url, appId: ACME_APP.id, secret: ACME_APP.secret, retry: { maxRetries: 0 } });
      const answers = await Promise.allSettled(Array.from({ length: 4 }, () => once.buyers.assets(unique("RL"))));
      const refused = answers.filter((a): a is PromiseRejectedResult => a.status === "rejected").map((a) => a.reason as PayCenterError);
      expect(refused.length).toBeGreaterThanOrEqual(2);
      for (const error of refused) {
        expect(error).toBeInstanceOf(PayCenterError);
        expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, family: "rate_limit" });
        expect(error.retryAfter).toBeGreaterThanOrEqual(1);
        expect(error.requestId).toBeTruthy();
      }
      // the same burst with retries on: every call ends well, after waiting what the server asked
      const waits: number[] = [];
      const patient = new PayCenter({
        baseUrl: env.harness.url,
        appId: ACME_APP.id,
        secret: ACME_APP.secret,
        retry: { maxRetries: 6 },
        sleep: (ms) => {
          waits.push(ms);
          return new Promise((resolve) => setTimeout(resolve, ms));
        },
      });
      const results = await Promise.all(Array.from({ length: 3 }, () => patient.buyers.assets(unique("RL"))));
      expect(results.every((r) => r.wallet.balance === 0)).toBe(true);
      expect(waits.length).toBeGreaterThanOrEqual(1);
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(1000);
    } finally {
      await updateAppRateLimit(merchantId, SYSTEM, ACME_APP.id, { perSecond: 100, burst: 200 });
    }
  }, 30_000);
});
