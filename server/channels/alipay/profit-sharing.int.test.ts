import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { settleTrade } from "@/server/sandbox/trades";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { SPLIT_NOT_FOUND } from "../errors";
import type { SplitRequest } from "../types";
import { sandboxTradeOf, seededAlipayAccount } from "./fixtures/sandbox-account";

/** Alipay profit sharing through our plugin against the simulated gateway, over real HTTP. */

let harness: Harness;
let account: Awaited<ReturnType<typeof seededAlipayAccount>>;
let sequence = 0;
const sharing = () => account.plugin.profitSharing!;

beforeAll(async () => {
  harness = await startHttpHarness();
  account = await seededAlipayAccount();
});
afterAll(() => harness.close());

const unique = (prefix: string) => `${prefix}${Date.now()}${(sequence += 1)}`;

async function paidTrade(amount = 10_000n, profitSharing = true) {
  const { plugin, ctx, sandboxMerchant } = account;
  const outTradeNo = unique("P");
  await plugin.pay(ctx, { outTradeNo, amount, currency: "CNY", subject: "分账测试", expiresAt: new Date(Date.now() + 15 * 60_000), mode: "qr", profitSharing });
  return settleTrade((await sandboxTradeOf(sandboxMerchant.id, outTradeNo)).id, "success");
}

async function boundReceiver() {
  const receiver = { type: "userId", account: `2088${String(Date.now()).slice(-8)}${String((sequence += 1)).padStart(4, "0")}` };
  await sharing().bindReceiver(account.ctx, { ...receiver, name: "合作方", relationType: "PARTNER" });
  return receiver;
}

function splitOf(trade: { outTradeNo: string; channelTradeNo: string }, receivers: { type: string; account: string; amount: bigint }[], finish = false): SplitRequest {
  return {
    outTradeNo: trade.outTradeNo,
    channelTradeNo: trade.channelTradeNo,
    outOrderNo: unique("S"),
    receivers: receivers.map((receiver) => ({ ...receiver, description: "分给合作方" })),
    finish,
    currency: "CNY",
  };
}

const rejected = (code: string) => expect.objectContaining({ name: "ChannelRejectedError", code });

describe("alipay profit sharing against the sandbox", () => {
  it("pay freezes the trade (royalty_freeze) only when asked", async () => {
    expect((await paidTrade(100n)).profitSharing).toBe(true);
    expect((await paidTrade(100n, false)).profitSharing).toBe(false);
  });

  it("binds and unbinds a relation; settle splits at once (sync), in yuan exactly, and the query shows it", async () => {
    const trade = await paidTrade(10_001n);
    const receiver = await boundReceiver();
    expect(await db.sandboxSplitReceiver.count({ where: { sandboxMerchantId: account.sandboxMerchant.id, account: receiver.account } })).toBe(1);
    const request = splitOf(trade, [{ ...receiver, amount: 1_999n }]);
    const result = await sharing().split(account.ctx, request);
    expect(result).toMatchObject({ state: "FINISHED", channelOrderId: expect.any(String), receivers: [{ ...receiver, amount: 1_999n, result: "SUCCESS" }] });
    const stored = await db.sandboxSplitOrder.findFirstOrThrow({ where: { tradeId: trade.id, outOrderNo: request.outOrderNo } });
    expect(stored).toMatchObject({ state: "FINISHED", amount: 1_999n, channelOrderId: result.channelOrderId });

    expect(await sharing().querySplit(account.ctx, request)).toMatchObject({
      state: "FINISHED",
      receivers: [{ type: "userId", account: receiver.account, amount: 1_999n, result: "SUCCESS", finishedAt: expect.any(Date) }],
    });
    // the same out_request_no again: the same order, no second split
    expect(await sharing().split(account.ctx, request)).toMatchObject({ state: "FINISHED", channelOrderId: result.channelOrderId });
    expect(await db.sandboxSplitOrder.count({ where: { tradeId: trade.id } })).toBe(1);
    await expect(sharing().split(account.ctx, { ...request, receivers: [{ ...request.receivers[0], amount: 1n }] })).rejects.toEqual(rejected("ACQ.DISCORDANT_REPEAT_REQUEST"));
    await expect(sharing().querySplit(account.ctx, { ...request, outOrderNo: "NOSUCHSPLIT" })).rejects.toEqual(rejected(SPLIT_NOT_FOUND));

    await sharing().unbindReceiver(account.ctx, { ...receiver, relationType: "PARTNER" });
    await expect(sharing().split(account.ctx, splitOf(trade, [{ ...receiver, amount: 1n }]))).rejects.toEqual(rejected("ACQ.TRADE_SETTLE_ERROR"));
  });

  it("refuses more than 30 % to receivers, a trade not frozen, and a refund of money split out", async () => {
    const trade = await paidTrade(10_000n);
    const receiver = await boundReceiver();
    await expect(sharing().split(account.ctx, splitOf(trade, [{ ...receiver, amount: 3_001n }]))).rejects.toEqual(rejected("ACQ.ALLOC_AMOUNT_VALIDATE_ERROR"));
    await sharing().split(account.ctx, splitOf(trade, [{ ...receiver, amount: 3_000n }]));
    const refund = (refundAmount: bigint) => ({ outTradeNo: trade.outTradeNo, outRefundNo: unique("R"), refundAmount, totalAmount: 10_000n, currency: "CNY" as const });
    await expect(account.plugin.refund(account.ctx, refund(7_001n))).rejects.toEqual(rejected("ACQ.SELLER_BALANCE_NOT_ENOUGH"));
    await expect(account.plugin.refund(account.ctx, refund(7_000n))).resolves.toMatchObject({ state: "SUCCEEDED" });

    const plain = await paidTrade(10_000n, false);
    await expect(sharing().split(account.ctx, splitOf(plain, [{ ...receiver, amount: 1n }]))).rejects.toEqual(rejected("ACQ.TRADE_SETTLE_ERROR"));
  });

  it("royalty_finish releases the rest: with a split, or alone (unfreeze); no split after", async () => {
    const receiver = await boundReceiver();
    const finished = await paidTrade(10_000n);
    await sharing().split(account.ctx, splitOf(finished, [{ ...receiver, amount: 1_000n }], true));
    expect((await db.sandboxTrade.findUniqueOrThrow({ where: { id: finished.id } })).splitFinishedAt).toBeInstanceOf(Date);
    await expect(sharing().split(account.ctx, splitOf(finished, [{ ...receiver, amount: 1n }]))).rejects.toEqual(rejected("ACQ.TRADE_SETTLE_ERROR"));

    const trade = await paidTrade(10_000n);
    const unfreeze = { outOrderNo: unique("U"), outTradeNo: trade.outTradeNo, channelTradeNo: trade.channelTradeNo, description: "分账完结" };
    const released = await sharing().unfreeze(account.ctx, unfreeze);
    expect(released).toEqual({ state: "FINISHED", channelOrderId: expect.any(String), receivers: [] });
    expect(await sharing().unfreeze(account.ctx, unfreeze)).toMatchObject({ state: "FINISHED", channelOrderId: released.channelOrderId });
    await expect(sharing().split(account.ctx, splitOf(trade, [{ ...receiver, amount: 1n }]))).rejects.toEqual(rejected("ACQ.TRADE_SETTLE_ERROR"));
    await expect(sharing().unfreeze(account.ctx, { ...unfreeze, outOrderNo: unique("U") })).rejects.toEqual(rejected("ACQ.TRADE_SETTLE_ERROR"));
  });

  it("has no return API: a refund's refund_royalty_parameters take money back instead", () => {
    expect(sharing().returnSplit).toBeUndefined();
    expect(sharing().queryReturn).toBeUndefined();
  });
});
