import type { JobWorker } from "@/server/jobs/worker";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { settleTrade } from "@/server/sandbox/trades";
import { startHttpHarness, startTestWorker, type Harness } from "@/server/testing/http-harness";
import { sandboxTradeOf, seededAlipayAccount } from "./fixtures/sandbox-account";

// The job worker delivers the sandbox's notification to a merchant's server, and resends it until
// the answer is exactly `success`.

type Received = { headers: Record<string, string>; body: string };

let harness: Harness;
let worker: JobWorker;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const answers = ["fail", "success"];

async function readBody(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
}

beforeAll(async () => {
  harness = await startHttpHarness();
  worker = await startTestWorker();
  receiver = createServer(async (request, response) => {
    received.push({ headers: request.headers as Record<string, string>, body: await readBody(request) });
    response.writeHead(200, { "content-type": "text/plain" }).end(answers[received.length - 1] ?? "success");
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alipay-notify`;
});

afterAll(async () => {
  await worker.stop();
  receiver.close();
  await harness.close();
});

it("a paid QR trade is notified, verified by the plugin, and resent after an answer other than success", async () => {
  const { plugin, ctx, sandboxMerchant } = await seededAlipayAccount();
  const merchantCtx = { ...ctx, notifyUrl: receiverUrl };
  const outTradeNo = `N${Date.now()}-1`;
  await plugin.pay(merchantCtx, {
    outTradeNo,
    amount: 1_999n,
    currency: "CNY",
    subject: "通知测试",
    expiresAt: new Date(Date.now() + 600_000),
    mode: "qr",
  });
  const trade = await settleTrade((await sandboxTradeOf(sandboxMerchant.id, outTradeNo)).id, "success");

  // first attempt answered `fail`, the retry 240 s (× SANDBOX_TIME_SCALE) later answered `success`
  await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(received).toHaveLength(2);

  for (const delivery of received) {
    expect(delivery.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    const notification = await plugin.parseNotify(merchantCtx, delivery);
    expect(notification).toMatchObject({
      state: "SUCCEEDED",
      outTradeNo,
      channelTradeNo: trade.channelTradeNo,
      amount: 1_999n,
      currency: "CNY",
      channelAppId: ctx.credentials.appId,
    });
    expect(notification.paidAt?.getTime()).toBe(Math.floor((trade.paidAt as Date).getTime() / 1000) * 1000);
  }
  const ids = received.map((delivery) => new URLSearchParams(delivery.body).get("notify_id"));
  expect(ids[0]).toBeTruthy();
  expect(ids[1]).toBe(ids[0]);
});
