import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issuePayCode } from "@/server/sandbox/paycodes";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { ChannelRejectedError } from "../errors";
import type { PayRequest } from "../types";
import type { AlipayContext } from "./client";
import { sandboxTradeOf, seededAlipayAccount } from "./fixtures/sandbox-account";
import { alipayPlugin as plugin } from "./index";

/** alipay.trade.pay (scene=bar_code) and alipay.trade.cancel against the simulated Alipay gateway over real HTTP. */

let harness: Harness;
let ctx: AlipayContext;
let sandboxMerchantId: string;

beforeAll(async () => {
  harness = await startHttpHarness();
  const seeded = await seededAlipayAccount();
  ctx = seeded.ctx;
  sandboxMerchantId = seeded.sandboxMerchant.id;
});
afterAll(() => harness.close());

let counter = 0;
const order = (authCode: string): PayRequest => ({
  outTradeNo: `P${Date.now()}${counter++}-1`,
  amount: 1999n,
  currency: "CNY",
  subject: "门店收银",
  expiresAt: new Date(Date.now() + 15 * 60_000),
  mode: "barcode",
  payer: { authCode },
});

describe("alipay bar_code payment against the sandbox", () => {
  it("paid at once (10000): yuan on the wire, fen here; cancel refunds it (action=refund)", async () => {
    const request = order(issuePayCode("alipay", "instant"));
    const result = await plugin.pay(ctx, request);
    expect(result.sync).toMatchObject({ state: "PAID", trade: { state: "SUCCEEDED", amount: 1999n, outTradeNo: request.outTradeNo } });
    expect(await plugin.reverse!(ctx, request.outTradeNo)).toEqual({ refunded: true });
    expect(await sandboxTradeOf(sandboxMerchantId, request.outTradeNo)).toMatchObject({ state: "CLOSED", refundedAmount: 1999n });
    expect((await plugin.query(ctx, request.outTradeNo)).state).toBe("CLOSED");
  });

  it("waiting for the payer (10003) is processing; cancel closes it (action=close)", async () => {
    const request = order(issuePayCode("alipay", "password"));
    expect((await plugin.pay(ctx, request)).sync).toEqual({ state: "PROCESSING", reason: "10003" });
    expect((await plugin.query(ctx, request.outTradeNo)).state).toBe("PENDING");
    expect(await plugin.reverse!(ctx, request.outTradeNo)).toEqual({ refunded: false });
    expect(await sandboxTradeOf(sandboxMerchantId, request.outTradeNo)).toMatchObject({ state: "CLOSED", refundedAmount: 0n });
  });

  it("declined: ACQ.BUYER_BALANCE_NOT_ENOUGH; a system error (20000) is processing and the query finds it paid", async () => {
    const poor = await plugin.pay(ctx, order(issuePayCode("alipay", "insufficient"))).catch((error: unknown) => error);
    expect([poor instanceof ChannelRejectedError, (poor as ChannelRejectedError).code]).toEqual([true, "ACQ.BUYER_BALANCE_NOT_ENOUGH"]);
    const request = order(issuePayCode("alipay", "error"));
    expect((await plugin.pay(ctx, request)).sync).toEqual({ state: "PROCESSING", reason: "ACQ.SYSTEM_ERROR" });
    expect((await plugin.query(ctx, request.outTradeNo)).state).toBe("SUCCEEDED");
  });

  it("a WeChat code, or a trade Alipay never had to cancel", async () => {
    const wrong = await plugin.pay(ctx, order(issuePayCode("wechatpay", "instant"))).catch((error: unknown) => error);
    expect((wrong as ChannelRejectedError).code).toBe("ACQ.PAYMENT_AUTH_CODE_INVALID");
    expect(await plugin.reverse!(ctx, `P${Date.now()}-9`)).toEqual({ refunded: false });
  });
});
