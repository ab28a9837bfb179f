import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { newEventId } from "@/server/domain/ids";
import { resetEnvCache } from "@/server/env";
import { generateSandboxCredentials } from "@/server/sandbox/provision";
import { deliverWebhook } from "@/server/services/webhooks/deliver-webhook";
import { callerAs, outcome } from "@/server/testing/callers";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { seedIfEmpty } from "@/prisma/seed";

// An unreviewed (DRAFT) merchant's TEST app aims PayCenter at this machine's loopback — the console's
// test send, a webhook delivery, a channel base URL — and reaches nothing, unless the operator allows
// loopback for TEST apps (TEST_MODE_PRIVATE_NETWORKS; the integration suite turns it on by default,
// so this file sets it per test).

const MCH = "M19990077";
let harness: Harness;
let inside: Server;
let insidePort: number;
const hits: string[] = [];
let appId: string;

function allowLoopback(allowed: boolean) {
  process.env.TEST_MODE_PRIVATE_NETWORKS = allowed ? "127.0.0.0/8,::1/128" : "";
  resetEnvCache();
}

beforeAll(async () => {
  await seedIfEmpty();
  harness = await startHttpHarness();
  // "the internal network": a service on loopback that answers anyone with something worth stealing
  inside = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.writeHead(200, { "content-type": "text/plain" }).end("internal-secret-token");
  });
  await new Promise<void>((resolve) => inside.listen(0, "127.0.0.1", resolve));
  insidePort = (inside.address() as AddressInfo).port;

  const merchant = await db.merchant.create({ data: { mchNo: MCH, name: "未审核商户", status: "DRAFT" } });
  await db.user.create({
    data: { email: "ssrf@demo.local", name: "Draft", passwordHash: "x", memberships: { create: { merchantId: merchant.id, role: "OWNER" } } },
  });
  const owner = await callerAs("ssrf@demo.local");
  ({ appId } = await owner.apps.create({ mchNo: MCH, name: "试用", mode: "TEST", notifyUrl: "", refundReviewThresholdYuan: "", repeatGuardSeconds: 15 }));
});
afterEach(() => allowLoopback(true));
afterAll(async () => {
  inside.close();
  await harness.close();
});

/** Every way of writing "this machine" in a URL. */
const loopbackUrls = () => [
  `http://127.0.0.1:${insidePort}/admin`,
  `http://localhost:${insidePort}/admin`,
  `http://2130706433:${insidePort}/admin`,
  `http://0x7f.0.0.1:${insidePort}/admin`,
  `http://0177.0.0.1:${insidePort}/admin`,
  `http://127.1:${insidePort}/admin`,
  `http://0.0.0.0:${insidePort}/admin`,
  `http://[::ffff:127.0.0.1]:${insidePort}/admin`,
  `http://[::1]:${insidePort}/admin`,
];

describe("the console's webhook test send", () => {
  it("refuses every loopback spelling for a DRAFT merchant's TEST app, and reads nothing back", async () => {
    allowLoopback(false);
    const owner = await callerAs("ssrf@demo.local");
    for (const url of loopbackUrls()) {
      const call = owner.webhooks.sendTest({ mchNo: MCH, appId, url });
      await expect(call, url).rejects.toMatchObject({ code: "BAD_REQUEST", message: "the host resolves to a private or loopback address" });
    }
    await expect(owner.webhooks.sendTest({ mchNo: MCH, appId, url: "http://169.254.169.254/latest/meta-data/" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(hits).toEqual([]);
  });

  it("reaches a loopback receiver once the operator allows it for TEST apps", async () => {
    allowLoopback(true);
    const owner = await callerAs("ssrf@demo.local");
    const sent = await owner.webhooks.sendTest({ mchNo: MCH, appId, url: `http://127.0.0.1:${insidePort}/hook` });
    expect(sent).toMatchObject({ delivered: true, statusCode: 200 });
    expect(hits.splice(0)).toEqual(["POST /hook"]);
  });
});

describe("webhook delivery", () => {
  async function pendingDelivery(url: string) {
    const event = await db.event.create({ data: { id: newEventId(), merchantId: (await db.merchant.findUniqueOrThrow({ where: { mchNo: MCH } })).id, appId, type: "pay_order.succeeded", data: {} } });
    return db.webhookDelivery.create({ data: { eventId: event.id, merchantId: event.merchantId, appId, url } });
  }

  it("records a refused attempt for a URL that points inside (an order's notifyUrl is checked only when sent)", async () => {
    allowLoopback(false);
    for (const url of [`http://127.0.0.1:${insidePort}/hook`, `http://[::ffff:7f00:1]:${insidePort}/hook`]) {
      const delivery = await pendingDelivery(url);
      await deliverWebhook(delivery.id);
      const after = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, include: { attempts: true } });
      expect(after).toMatchObject({ status: "PENDING", attemptCount: 1 });
      expect(after.attempts[0]).toMatchObject({ statusCode: null, responseSnippet: null, error: "the host resolves to a private or loopback address" });
    }
    expect(hits).toEqual([]);
  });

  it("does not follow a redirect from an allowed receiver to somewhere else", async () => {
    allowLoopback(true);
    const redirector = createServer((_request, response) => response.writeHead(307, { location: `http://127.0.0.1:${insidePort}/admin` }).end());
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    try {
      const delivery = await pendingDelivery(`http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook`);
      await deliverWebhook(delivery.id);
      const after = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, include: { attempts: true } });
      expect(after.attempts[0]).toMatchObject({ statusCode: 307 });
      expect(after.status).toBe("PENDING");
      expect(hits).toEqual([]);
    } finally {
      redirector.close();
    }
  });
});

describe("a TEST channel account's base URL", () => {
  const account = (baseUrl: string, credentials: Record<string, string>) => ({
    mchNo: MCH, appId, channel: "wechatpay" as const, name: "自建网关", sandbox: false, credentials,
    modes: ["native"], feeRateBps: 60, subsidyBps: 0, priority: 1, enabled: true, baseUrl,
  });

  it("may be the built-in sandbox or a public host, not this machine", async () => {
    allowLoopback(false);
    const owner = await callerAs("ssrf@demo.local");
    const { credentials } = await generateSandboxCredentials("wechatpay");
    for (const url of loopbackUrls()) {
      const call = owner.channelAccounts.create(account(url.replace("/admin", "/v3"), credentials));
      await expect(call, url).rejects.toMatchObject({ code: "BAD_REQUEST", message: "baseUrlPrivate" });
    }
    expect(await outcome(owner.channelAccounts.create(account("gopher://8.8.8.8/", credentials)))).toBe("BAD_REQUEST");
    expect(await outcome(owner.channelAccounts.create(account(`${harness.url}/api/sandbox/wechatpay`, credentials)))).toBe("OK");
    expect(await outcome(owner.channelAccounts.create(account("https://8.8.8.8/v3", credentials)))).toBe("OK");
  });

  it("saved before the rule (or allowed then, and no longer), is refused when the plugin connects", async () => {
    allowLoopback(true);
    const owner = await callerAs("ssrf@demo.local");
    const { credentials } = await generateSandboxCredentials("wechatpay");
    const created = await owner.channelAccounts.create(account(`http://127.0.0.1:${insidePort}/v3`, credentials));
    allowLoopback(false);
    const test = await owner.channelAccounts.testConnection({ mchNo: MCH, id: created.id });
    expect(test).toMatchObject({ ok: false, verdict: "unreachable" });
    expect(hits).toEqual([]);
  });
});
