import type { JobWorker } from "@/server/jobs/worker";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { settleTrade } from "@/server/sandbox/trades";
import { type Harness, startHttpHarness, startTestWorker } from "@/server/testing/http-harness";
import type { ChannelContext, InboundNotification } from "../types";
import type { WechatpayCredentials } from "./credentials";
import { seededWechatpayAccount, uniqueNo } from "./fixtures/seeded-account";
import { wechatpayPlugin as plugin } from "./index";

/**
 * The sandbox's notifications, delivered by the job worker over HTTP to a stand-in for our callback
 * route, then verified and decrypted by the plugin. The stand-in refuses the first delivery with a
 * 500, so WeChat Pay's retry schedule (scaled 1000× down in tests) must bring it again.
 */

type Received = InboundNotification & { path: string };

let harness: Harness;
let worker: JobWorker;
let ctx: ChannelContext<WechatpayCredentials>;
const received: Received[] = [];
const receiver = createServer(async (req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.fromEntries(Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  received.push({ path: req.url ?? "", headers, body: Buffer.concat(chunks).toString("utf8") });
  const firstOnThisPath = received.filter((r) => r.path === req.url).length === 1;
  const answer = firstOnThisPath ? { status: 500, body: JSON.stringify({ code: "FAIL", message: "busy" }) } : plugin.notifyAnswer(true);
  res.writeHead(answer.status).end(answer.body);
});

beforeAll(async () => {
  harness = await startHttpHarness();
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const seeded = await seededWechatpayAccount();
  ctx = { ...seeded.ctx, notifyUrl: `${url}/notify/pay`, refundNotifyUrl: `${url}/notify/refund` };
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker.stop();
  receiver.close();
  await harness.close();
});

const deliveriesTo = (path: string) => received.filter((r) => r.path === path);

describe("wechatpay notifications delivered by the sandbox", () => {
  it("POSTs the payment notification, retries after a 500, and the plugin verifies it", async () => {
    const outTradeNo = uniqueNo("P");
    await plugin.pay(ctx, { outTradeNo, amount: 4_321n, currency: "CNY", subject: "通知测试", expiresAt: new Date(Date.now() + 600_000), mode: "native" });
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { outTradeNo } });
    await settleTrade(trade.id, "success");

    await vi.waitFor(() => expect(deliveriesTo("/notify/pay")).toHaveLength(2), { timeout: 10_000, interval: 50 });
    const [refused, accepted] = deliveriesTo("/notify/pay");
    expect(refused.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(accepted.body).id).toBe(JSON.parse(refused.body).id);
    expect(accepted.headers["wechatpay-nonce"]).not.toBe(refused.headers["wechatpay-nonce"]);
    for (const delivery of [refused, accepted]) {
      expect(await plugin.parseNotify(ctx, delivery)).toMatchObject({
        state: "SUCCEEDED",
        outTradeNo,
        channelTradeNo: trade.channelTradeNo,
        amount: 4_321n,
        channelAppId: ctx.credentials.appid,
        channelMchId: ctx.credentials.mchid,
        notificationId: trade.id,
      });
    }
    // acknowledged: no third attempt, even after the next retry would have been due
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deliveriesTo("/notify/pay")).toHaveLength(2);
  });

  it("sends REFUND.SUCCESS to the refund notify URL once the refund settles", async () => {
    const outTradeNo = uniqueNo("P");
    await plugin.pay(ctx, { outTradeNo, amount: 1_000n, currency: "CNY", subject: "退款通知测试", expiresAt: new Date(Date.now() + 600_000), mode: "native" });
    await settleTrade((await db.sandboxTrade.findFirstOrThrow({ where: { outTradeNo } })).id, "success");
    const outRefundNo = uniqueNo("R");
    await plugin.refund(ctx, { outTradeNo, outRefundNo, refundAmount: 400n, totalAmount: 1_000n, currency: "CNY" });

    await vi.waitFor(() => expect(deliveriesTo("/notify/refund")).toHaveLength(2), { timeout: 10_000, interval: 50 });
    const delivery = deliveriesTo("/notify/refund")[1];
    expect(JSON.parse(delivery.body).event_type).toBe("REFUND.SUCCESS");
    expect(await plugin.parseRefundNotify(ctx, delivery)).toMatchObject({ state: "SUCCEEDED", outRefundNo, outTradeNo, refundAmount: 400n });
    await expect(plugin.parseNotify(ctx, delivery)).rejects.toThrow(/expected a transaction resource/);
  });
});
