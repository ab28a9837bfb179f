import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { issuePayCode } from "@/server/sandbox/paycodes";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { ChannelRejectedError, REVERSE_RETRY_LATER } from "../errors";
import type { ChannelContext, PayRequest } from "../types";
import type { WechatpayCredentials } from "./credentials";
import { seededWechatpayAccount, uniqueNo } from "./fixtures/seeded-account";
import { wechatpayPlugin as plugin } from "./index";

/** WeChat Pay codepay and reverse against the simulated WeChat Pay over real HTTP. */

// the sandbox's own pauses at their real length here: WeChat's 15 s before a reverse is what is tested
process.env.SANDBOX_TIME_SCALE = "1";

let harness: Harness;
let ctx: ChannelContext<WechatpayCredentials>;
let sandboxMerchantId: string;

beforeAll(async () => {
  harness = await startHttpHarness();
  const seeded = await seededWechatpayAccount();
  ctx = seeded.ctx;
  sandboxMerchantId = seeded.merchant.id;
});
afterAll(() => harness.close());

const order = (authCode: string): PayRequest => ({
  outTradeNo: uniqueNo("P"),
  amount: 1288n,
  currency: "CNY",
  subject: "门店收银",
  expiresAt: new Date(Date.now() + 15 * 60_000),
  mode: "barcode",
  payer: { authCode, clientIp: "10.0.0.8" },
});
const tradeOf = (outTradeNo: string) => db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId, outTradeNo } });

describe("wechatpay codepay against the sandbox", () => {
  it("paid at once: the transaction comes back as a query would give it; a reverse then refunds it (REVOKED)", async () => {
    const request = order(issuePayCode("wechatpay", "instant"));
    const result = await plugin.pay(ctx, request);
    expect(result.sync).toMatchObject({ state: "PAID", trade: { state: "SUCCEEDED", amount: 1288n, channelAppId: ctx.credentials.appid, channelMchId: ctx.credentials.mchid } });
    expect(result.channelTradeNo).toBe((await tradeOf(request.outTradeNo)).channelTradeNo);
    expect(await plugin.reverse!(ctx, request.outTradeNo)).toEqual({});
    expect(await tradeOf(request.outTradeNo)).toMatchObject({ state: "CLOSED", stateDetail: "REVERSED", refundedAmount: 1288n });
    expect(await plugin.query(ctx, request.outTradeNo)).toMatchObject({ state: "CLOSED", failureReason: "已撤销" });
    // the day's trade bill shows it REVOKED: a payment row reconciliation reads as reversed
    const bill = await plugin.downloadBill(ctx, new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    const rows = [];
    for await (const row of bill!.rows) if (row.outTradeNo === request.outTradeNo) rows.push(row);
    expect(rows).toEqual([expect.objectContaining({ kind: "payment", state: "REVERSED", channelState: "REVOKED", amount: 1288n })]);
  });

  it("a password to enter: USERPAYING is processing; no reverse in the first 15 s, then it closes the trade", async () => {
    const request = order(issuePayCode("wechatpay", "password"));
    expect((await plugin.pay(ctx, request)).sync).toEqual({ state: "PROCESSING", reason: "USERPAYING" });
    expect((await plugin.query(ctx, request.outTradeNo)).state).toBe("PENDING");
    const early = await plugin.reverse!(ctx, request.outTradeNo).catch((error: unknown) => error);
    expect(early).toBeInstanceOf(ChannelRejectedError);
    expect((early as ChannelRejectedError).code).toBe(REVERSE_RETRY_LATER);
    // 15 s later, as far as the sandbox can tell
    const trade = await tradeOf(request.outTradeNo);
    await db.sandboxTrade.update({ where: { id: trade.id }, data: { createdAt: new Date(trade.createdAt.getTime() - 16_000) } });
    expect(await plugin.reverse!(ctx, request.outTradeNo)).toEqual({});
    expect(await tradeOf(request.outTradeNo)).toMatchObject({ state: "CLOSED", refundedAmount: 0n });
  });

  it("declined and refused codes are channel refusals with WeChat's codes; a repeated pay call answers the same trade", async () => {
    const poor = await plugin.pay(ctx, order(issuePayCode("wechatpay", "insufficient"))).catch((error: unknown) => error);
    expect([poor instanceof ChannelRejectedError, (poor as ChannelRejectedError).code]).toEqual([true, "NOTENOUGH"]);
    const madeUp = await plugin.pay(ctx, order("134567890123456789")).catch((error: unknown) => error);
    expect([madeUp instanceof ChannelRejectedError, (madeUp as ChannelRejectedError).code]).toEqual([true, "INVALID_REQUEST"]);
    const request = order(issuePayCode("wechatpay", "instant"));
    const first = await plugin.pay(ctx, request);
    expect(await plugin.pay(ctx, request)).toEqual(first);
    // the same code for another trade: used
    const reused = await plugin.pay(ctx, { ...request, outTradeNo: uniqueNo("P") }).catch((error: unknown) => error);
    expect((reused as ChannelRejectedError).message).toMatch(/仅限使用一次/);
  });

  it("a system error that still took the money is processing; the query tells the truth", async () => {
    const request = order(issuePayCode("wechatpay", "error"));
    expect((await plugin.pay(ctx, request)).sync).toEqual({ state: "PROCESSING", reason: "SYSTEM_ERROR" });
    expect((await plugin.query(ctx, request.outTradeNo)).state).toBe("SUCCEEDED");
  });

  it("reversing a trade WeChat Pay never got resolves (nothing to undo)", async () => {
    expect(await plugin.reverse!(ctx, uniqueNo("P"))).toEqual({});
  });
});
