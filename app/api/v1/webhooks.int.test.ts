import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { callerAs, outcome } from "@/server/testing/callers";
import { eventually } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

/** A merchant's receiver: fails the first `failFirst` deliveries, then answers 200; keeps what it got. */
type Received = { headers: Record<string, string | string[] | undefined>; body: string };
let receiver: Server;
let receiverUrl: string;
let failFirst = 0;
const received: Received[] = [];

beforeAll(async () => {
  // 15 s … 6 h, about 24 h in all, compressed to under a second
  process.env.WEBHOOK_TIME_SCALE = "0.00001";
  resetEnvCache();
  receiver = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push({ headers: req.headers, body });
    res.writeHead(received.length <= failFirst ? 500 : 200).end(received.length <= failFirst ? "try later" : "ok");
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/pay-notify`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

/** The receiver's own check, written from OPEN-API.md alone: t=…,v1=HMAC-SHA256(secret, t + "." + raw body). */
function verifiedByReceiver(header: string, body: string, secret: string): boolean {
  const { t, v1 } = Object.fromEntries(header.split(",").map((kv) => kv.split("="))) as { t: string; v1: string };
  return Math.abs(Date.now() / 1000 - Number(t)) < 300 && createHmac("sha256", secret).update(`${t}.${body}`).digest("hex") === v1;
}

describe("webhooks", () => {
  it("delivers pay_order.succeeded signed, retrying after two failures on the compressed schedule", async () => {
    failFirst = 2;
    received.length = 0;
    const created = await api("/api/v1/pay-orders", {
      body: { mchOrderNo: `WH${Date.now()}`, amount: 12800, subject: "Sofa deposit", channel: "wechatpay", mode: "native", notifyUrl: receiverUrl },
    });
    await api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
    const delivery = await eventually(() => db.webhookDelivery.findFirst({ where: { url: receiverUrl, status: "SUCCEEDED" }, include: { attempts: true } }), 20_000);
    expect(delivery.attemptCount).toBe(3);
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    expect(delivery.attempts[0].responseSnippet).toBe("try later");
    expect(received).toHaveLength(3);
    const last = received[2];
    const envelope = JSON.parse(last.body);
    expect(envelope).toMatchObject({ type: "pay_order.succeeded", data: { payOrderNo: created.json.payOrderNo, status: "PAID", amount: 12800 } });
    expect(envelope.id).toMatch(/^evt_/);
    expect(last.headers["x-paycenter-event-id"]).toBe(envelope.id);
    expect(verifiedByReceiver(String(last.headers["x-paycenter-signature"]), last.body, DEMO_APP.secret)).toBe(true);
    expect(verifiedByReceiver(String(last.headers["x-paycenter-signature"]), last.body.replace("12800", "12801"), DEMO_APP.secret)).toBe(false);
    // the same event id each time: receivers deduplicate on it
    expect(new Set(received.map((r) => r.headers["x-paycenter-event-id"])).size).toBe(1);
  }, 30_000);

  it("gives up as FAILED after the last retry", async () => {
    failFirst = 1_000;
    received.length = 0;
    const created = await api("/api/v1/pay-orders", {
      body: { mchOrderNo: `WHF${Date.now()}`, amount: 100, subject: "x", notifyUrl: receiverUrl },
    });
    await api(`/api/v1/pay-orders/${created.json.payOrderNo}/close`, { method: "POST" });
    const delivery = await eventually(() => db.webhookDelivery.findFirst({ where: { event: { payOrderNo: created.json.payOrderNo } , status: "FAILED" } }), 30_000);
    expect(delivery.attemptCount).toBe(16);
    expect(JSON.parse(received[0].body).type).toBe("pay_order.closed");
  }, 45_000);

  it("resends any event from the console as a new delivery, and keeps the first one in the log", async () => {
    failFirst = 0;
    received.length = 0;
    const created = await api("/api/v1/pay-orders", { body: { mchOrderNo: `WHR${Date.now()}`, amount: 300, subject: "x", notifyUrl: receiverUrl } });
    await api(`/api/v1/pay-orders/${created.json.payOrderNo}/close`, { method: "POST" });
    const first = await eventually(() => db.webhookDelivery.findFirst({ where: { event: { payOrderNo: created.json.payOrderNo }, status: "SUCCEEDED" } }));

    expect(await outcome((await callerAs("finance@demo.local")).webhooks.resend({ mchNo: "M10000001", eventId: first.eventId }))).toBe("FORBIDDEN");
    expect(await outcome((await callerAs("owner@acme.local")).webhooks.resend({ mchNo: "M10000002", eventId: first.eventId }))).toBe("NOT_FOUND");
    const dev = await callerAs("dev@demo.local");
    const again = await dev.webhooks.resend({ mchNo: "M10000001", eventId: first.eventId });
    expect(again.id).not.toBe(first.id);
    await eventually(async () => (await db.webhookDelivery.findUniqueOrThrow({ where: { id: again.id } })).status === "SUCCEEDED");
    expect(received.map((r) => r.headers["x-paycenter-event-id"])).toEqual([first.eventId, first.eventId]);
    const log = await dev.webhooks.deliveries({ mchNo: "M10000001", appId: DEMO_APP.id });
    expect(log.deliveries.filter((d) => d.eventId === first.eventId).map((d) => d.id).sort()).toEqual([first.id, again.id].sort());
    expect(await db.auditLog.count({ where: { action: "webhook.resent", targetId: first.eventId } })).toBe(1);
  });

  it("sends a signed test event at once, records it, and keeps it out of the event feed", async () => {
    failFirst = 0;
    received.length = 0;
    const owner = await callerAs("owner@demo.local");
    const sent = await owner.webhooks.sendTest({ mchNo: "M10000001", appId: DEMO_APP.id, url: receiverUrl });
    expect(sent).toMatchObject({ delivered: true, statusCode: 200, url: receiverUrl });
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0].body)).toMatchObject({ id: sent.eventId, type: "webhook.test" });
    expect(verifiedByReceiver(String(received[0].headers["x-paycenter-signature"]), received[0].body, DEMO_APP.secret)).toBe(true);

    failFirst = 1_000;
    const refused = await owner.webhooks.sendTest({ mchNo: "M10000001", appId: DEMO_APP.id, url: receiverUrl });
    expect(refused).toMatchObject({ delivered: false, statusCode: 500 });
    const rows = await db.webhookDelivery.findMany({ where: { eventId: { in: [sent.eventId, refused.eventId] } }, include: { attempts: true } });
    expect(rows.map((r) => [r.status, r.attempts.length]).sort()).toEqual([["FAILED", 1], ["SUCCEEDED", 1]]);
    const unreachable = await owner.webhooks.sendTest({ mchNo: "M10000001", appId: DEMO_APP.id, url: "http://127.0.0.1:1/nothing" });
    expect(unreachable.delivered).toBe(false);
    expect(unreachable.error).toBeTruthy();
    expect(await outcome(owner.webhooks.sendTest({ mchNo: "M10000001", appId: DEMO_APP.id, url: "ftp://x" }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.webhooks.sendTest({ mchNo: "M10000001", appId: "app_not_mine" }))).toBe("NOT_FOUND");

    const feed = await api("/api/v1/events?limit=100");
    expect(feed.json.data.map((e: { type: string }) => e.type)).not.toContain("webhook.test");
  });
});
