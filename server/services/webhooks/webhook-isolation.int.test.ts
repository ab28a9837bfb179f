import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { type JobWorker, startWorker } from "@/server/jobs/worker";
import { recordEvent } from "@/server/services/events/record-event";
import { ACME_APP, DEMO_APP, useFixedDemoApps } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";

/**
 * One merchant's endpoint answers only after 4 s; another merchant's at once. With the webhook runner
 * reduced to 6 slots, the slow merchant's 12 deliveries may hold at most 4 of them (its lanes), so the
 * other merchant's delivery goes through without waiting for them.
 */
let worker: JobWorker;
const servers: Server[] = [];
const fastArrivals: number[] = [];
let slowInFlight = 0;
let slowMaxInFlight = 0;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
}

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  const slowUrl = await listen((_req, res) => {
    slowInFlight++;
    slowMaxInFlight = Math.max(slowMaxInFlight, slowInFlight);
    setTimeout(() => {
      slowInFlight--;
      res.writeHead(200).end("ok");
    }, 4_000);
  });
  const fastUrl = await listen((_req, res) => {
    fastArrivals.push(Date.now());
    res.writeHead(200).end("ok");
  });
  await db.app.update({ where: { id: DEMO_APP.id }, data: { notifyUrl: slowUrl } });
  await db.app.update({ where: { id: ACME_APP.id }, data: { notifyUrl: fastUrl } });
  worker = await startWorker({ connectionString: process.env.DATABASE_URL as string, concurrency: 2, webhookConcurrency: 6, pollInterval: 50 });
});

afterAll(async () => {
  await worker?.stop();
  for (const server of servers) server.closeAllConnections?.();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function eventFor(app: typeof DEMO_APP, merchantMchNo: string) {
  const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: merchantMchNo } });
  await db.$transaction((tx) => recordEvent(tx, { merchantId: merchant.id, appId: app.id, type: "pay_order.closed", data: { note: "isolation" } }));
}

describe("webhook delivery isolation", () => {
  it("does not let a slow merchant endpoint delay another merchant's deliveries", async () => {
    for (let i = 0; i < 12; i++) await eventFor(DEMO_APP, "M10000001");
    await eventually(async () => slowInFlight > 0);
    const sent = Date.now();
    await eventFor(ACME_APP, "M10000002");
    await eventually(async () => fastArrivals.length > 0, 3_000);
    expect(fastArrivals[0]! - sent).toBeLessThan(3_000);
    expect(slowMaxInFlight).toBeLessThanOrEqual(4);
  }, 20_000);
});
