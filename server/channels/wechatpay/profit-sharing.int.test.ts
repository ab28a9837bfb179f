import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { AUTO_SPLIT_MS } from "@/server/sandbox/profit-sharing";
import { settleTrade } from "@/server/sandbox/trades";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { ChannelRejectedError, SPLIT_NOT_FOUND, SPLIT_RETRY_LATER } from "../errors";
import type { ChannelContext, SplitRequest } from "../types";
import { callWechatpay } from "./client";
import type { WechatpayCredentials } from "./credentials";
import { seededWechatpayAccount, uniqueNo } from "./fixtures/seeded-account";
import { wechatpayPlugin as plugin } from "./index";

/** Profit sharing through our plugin against the simulated WeChat Pay, over real HTTP. */

let harness: Harness;
let ctx: ChannelContext<WechatpayCredentials>;
let sandboxMerchantId: string;
const sharing = () => plugin.profitSharing!;

beforeAll(async () => {
  harness = await startHttpHarness();
  const seeded = await seededWechatpayAccount();
  ctx = seeded.ctx;
  sandboxMerchantId = seeded.merchant.id;
});
afterAll(() => harness.close());

const tradeOf = (outTradeNo: string) => db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId, outTradeNo } });

/** A paid trade, frozen for sharing unless told otherwise, paid `agoSeconds` ago (past the sandbox's earliest split by default). */
async function paidTrade(amount = 10_000n, { profitSharing = true, agoSeconds = 61 } = {}) {
  const outTradeNo = uniqueNo("P");
  await plugin.pay(ctx, { outTradeNo, amount, currency: "CNY", subject: "分账测试", expiresAt: new Date(Date.now() + 15 * 60_000), mode: "native", profitSharing });
  const trade = await settleTrade((await tradeOf(outTradeNo)).id, "success");
  return db.sandboxTrade.update({ where: { id: trade.id }, data: { paidAt: new Date(Date.now() - agoSeconds * 1000) } });
}

/** A receiver bound at the sandbox: a merchant (name encrypted) or a person's openid. */
async function boundReceiver(type: "MERCHANT_ID" | "PERSONAL_OPENID" = "MERCHANT_ID") {
  const account = type === "MERCHANT_ID" ? `19${Math.floor(Math.random() * 1e8)}` : uniqueNo("oUpF8u");
  await sharing().bindReceiver(ctx, { type, account, name: type === "MERCHANT_ID" ? "示例分账商户有限公司" : undefined, relationType: "PARTNER" });
  return { type, account };
}

function splitOf(trade: { outTradeNo: string; channelTradeNo: string }, receivers: { type: string; account: string; amount: bigint }[], finish = false): SplitRequest {
  return {
    outTradeNo: trade.outTradeNo,
    channelTradeNo: trade.channelTradeNo,
    outOrderNo: uniqueNo("S"),
    receivers: receivers.map((receiver) => ({ ...receiver, description: "分给合作方" })),
    finish,
    currency: "CNY",
  };
}

/** Lets the sandbox's asynchronous split settle (its createdAt moved back past the settling delay). */
async function letSettle(outOrderNo: string) {
  await db.sandboxSplitOrder.updateMany({ where: { outOrderNo }, data: { createdAt: new Date(Date.now() - AUTO_SPLIT_MS - 1_000) } });
}

/** Keeps a split processing (the sandbox settles it AUTO_SPLIT_MS × SANDBOX_TIME_SCALE after its createdAt, seen by a read). */
async function holdProcessing(outOrderNo: string) {
  await db.sandboxSplitOrder.updateMany({ where: { outOrderNo }, data: { createdAt: new Date(Date.now() + 3_600_000) } });
}

const rejected = (code: string, message?: RegExp) =>
  expect.objectContaining({ name: "ChannelRejectedError", code, ...(message ? { message: expect.stringMatching(message) } : {}) });

describe("wechatpay profit sharing against the sandbox", () => {
  it("pay marks the trade frozen for sharing only when asked", async () => {
    expect((await paidTrade(100n)).profitSharing).toBe(true);
    expect((await paidTrade(100n, { profitSharing: false })).profitSharing).toBe(false);
  });

  it("binds a merchant receiver with its name encrypted for the platform key, and unbinds it", async () => {
    const receiver = await boundReceiver("MERCHANT_ID");
    const stored = await db.sandboxSplitReceiver.findFirstOrThrow({ where: { sandboxMerchantId, account: receiver.account } });
    expect(stored).toMatchObject({ type: "MERCHANT_ID", name: "示例分账商户有限公司", relationType: "PARTNER" });
    // binding again is harmless; a MERCHANT_ID without its name is refused before anything is sent
    await sharing().bindReceiver(ctx, { ...receiver, name: "示例分账商户有限公司", relationType: "SUPPLIER" });
    await expect(sharing().bindReceiver(ctx, { ...receiver, relationType: "PARTNER" })).rejects.toEqual(rejected("PARAM_ERROR"));
    await sharing().unbindReceiver(ctx, { ...receiver, relationType: "PARTNER" });
    expect(await db.sandboxSplitReceiver.count({ where: { sandboxMerchantId, account: receiver.account } })).toBe(0);
  });

  it("splits: PROCESSING with receivers PENDING, FINISHED by a later query; the same out_order_no replays, other content is refused", async () => {
    const trade = await paidTrade();
    const receiver = await boundReceiver("PERSONAL_OPENID");
    const request = splitOf(trade, [{ ...receiver, amount: 1_000n }]);
    const accepted = await sharing().split(ctx, request);
    expect(accepted).toMatchObject({ state: "PROCESSING", channelOrderId: expect.stringMatching(/^30\d+/), receivers: [{ ...receiver, amount: 1_000n, result: "PENDING" }] });
    await holdProcessing(request.outOrderNo);
    expect(await sharing().split(ctx, request)).toEqual(accepted);
    expect(await sharing().querySplit(ctx, request)).toEqual(accepted);
    await expect(sharing().split(ctx, { ...request, receivers: [{ ...request.receivers[0], amount: 999n }] })).rejects.toEqual(rejected("INVALID_REQUEST", /不一致/));

    await letSettle(request.outOrderNo);
    const finished = await sharing().querySplit(ctx, request);
    expect(finished).toMatchObject({
      state: "FINISHED",
      channelOrderId: accepted.channelOrderId,
      receivers: [{ ...receiver, amount: 1_000n, result: "SUCCESS", detailId: expect.any(String), finishedAt: expect.any(Date) }],
    });
    expect(await sharing().split(ctx, request)).toEqual(finished);
    await expect(sharing().querySplit(ctx, { ...request, outOrderNo: "NO-SUCH-SPLIT" })).rejects.toEqual(rejected(SPLIT_NOT_FOUND));
    await expect(sharing().querySplit(ctx, { ...request, channelTradeNo: "4200000000000000000000" })).rejects.toEqual(rejected(SPLIT_NOT_FOUND));
  });

  it("refuses a split too soon after the payment as retry-later, and a trade not frozen for sharing", async () => {
    const receiver = await boundReceiver("PERSONAL_OPENID");
    const early = await paidTrade(10_000n, { agoSeconds: 5 });
    const request = splitOf(early, [{ ...receiver, amount: 100n }]);
    await expect(sharing().split(ctx, request)).rejects.toEqual(rejected(SPLIT_RETRY_LATER, /请稍后重试/));
    expect(await db.sandboxSplitOrder.count({ where: { tradeId: early.id } })).toBe(0);

    const plain = await paidTrade(10_000n, { profitSharing: false });
    await expect(sharing().split(ctx, splitOf(plain, [{ ...receiver, amount: 100n }]))).rejects.toEqual(rejected("INVALID_REQUEST", /此订单不支持分账/));
  });

  it("caps receivers at 30 % of the trade over all its splits, and at 50 receivers per request", async () => {
    const trade = await paidTrade(10_001n); // 30 % floored: 3000
    const receiver = await boundReceiver("PERSONAL_OPENID");
    await expect(sharing().split(ctx, splitOf(trade, [{ ...receiver, amount: 3_001n }]))).rejects.toEqual(rejected("INVALID_REQUEST", /比例/));
    await sharing().split(ctx, splitOf(trade, [{ ...receiver, amount: 2_000n }]));
    await sharing().split(ctx, splitOf(trade, [{ ...receiver, amount: 1_000n }]));
    await expect(sharing().split(ctx, splitOf(trade, [{ ...receiver, amount: 1n }]))).rejects.toEqual(rejected("INVALID_REQUEST", /比例/));

    const many = Array.from({ length: 51 }, (_, i) => ({ type: "PERSONAL_OPENID", account: `oMany${i}`, amount: 1n }));
    // the plugin does not send what WeChat Pay would refuse…
    await expect(sharing().split(ctx, splitOf(trade, many))).rejects.toEqual(rejected("PARAM_ERROR"));
    // …and the sandbox refuses it too
    const body = { appid: ctx.credentials.appid, transaction_id: trade.channelTradeNo, out_order_no: uniqueNo("S"), unfreeze_unsplit: false };
    const receivers = many.map((r) => ({ type: r.type, account: r.account, amount: 1, description: "d" }));
    await expect(callWechatpay(ctx, { method: "POST", path: "/v3/profitsharing/orders", body: { ...body, receivers } })).rejects.toEqual(rejected("PARAM_ERROR", /50/));
  });

  it("allows at most 50 split orders per trade", async () => {
    const trade = await paidTrade(100_000n);
    const receiver = await boundReceiver("PERSONAL_OPENID");
    for (let i = 0; i < 50; i++) await sharing().split(ctx, splitOf(trade, [{ ...receiver, amount: 1n }]));
    await expect(sharing().split(ctx, splitOf(trade, [{ ...receiver, amount: 1n }]))).rejects.toEqual(rejected("INVALID_REQUEST", /50/));
  });

  it("closes a line to a receiver never added (NO_RELATION), and its money stays frozen", async () => {
    const trade = await paidTrade(10_000n);
    const known = await boundReceiver("PERSONAL_OPENID");
    const request = splitOf(trade, [
      { ...known, amount: 1_000n },
      { type: "PERSONAL_OPENID", account: uniqueNo("oStranger"), amount: 2_000n },
    ]);
    await sharing().split(ctx, request);
    await letSettle(request.outOrderNo);
    const result = await sharing().querySplit(ctx, request);
    expect(result.receivers.map((r) => [r.amount, r.result, r.failReason])).toEqual([
      [1_000n, "SUCCESS", undefined],
      [2_000n, "CLOSED", "NO_RELATION"],
    ]);
    // 9000 is refundable: only the 1000 left the merchant
    const refund = { outTradeNo: trade.outTradeNo, outRefundNo: uniqueNo("R"), refundAmount: 9_000n, totalAmount: 10_000n, currency: "CNY" as const };
    await expect(plugin.refund(ctx, refund)).resolves.toMatchObject({ state: "PROCESSING" });
  });

  it("no split after the rest was released (unfreeze_unsplit, unfreeze), nor 180 days after the payment", async () => {
    const receiver = await boundReceiver("PERSONAL_OPENID");
    const finished = await paidTrade(10_000n);
    await sharing().split(ctx, splitOf(finished, [{ ...receiver, amount: 500n }], true));
    await expect(sharing().split(ctx, splitOf(finished, [{ ...receiver, amount: 500n }]))).rejects.toEqual(rejected("INVALID_REQUEST", /完结/));
    const unfreezeAfterFinish = { outOrderNo: uniqueNo("U"), outTradeNo: finished.outTradeNo, channelTradeNo: finished.channelTradeNo, description: "解冻" };
    await expect(sharing().unfreeze(ctx, unfreezeAfterFinish)).rejects.toEqual(rejected("INVALID_REQUEST", /完结/));

    const trade = await paidTrade(10_000n);
    await sharing().split(ctx, splitOf(trade, [{ ...receiver, amount: 2_500n }]));
    const unfreeze = { outOrderNo: uniqueNo("U"), outTradeNo: trade.outTradeNo, channelTradeNo: trade.channelTradeNo, description: "解冻给分账方" };
    const released = await sharing().unfreeze(ctx, unfreeze);
    expect(released).toMatchObject({ state: "PROCESSING", receivers: [{ type: "MERCHANT_ID", amount: 7_500n, result: "PENDING" }] });
    await holdProcessing(unfreeze.outOrderNo);
    expect(await sharing().unfreeze(ctx, unfreeze)).toEqual(released);
    await letSettle(unfreeze.outOrderNo);
    expect(await sharing().querySplit(ctx, unfreeze)).toMatchObject({
      state: "FINISHED",
      receivers: [{ type: "MERCHANT_ID", account: ctx.credentials.mchid, amount: 7_500n, result: "SUCCESS" }],
    });
    await expect(sharing().split(ctx, splitOf(trade, [{ ...receiver, amount: 100n }]))).rejects.toEqual(rejected("INVALID_REQUEST", /完结/));

    const old = await paidTrade(10_000n, { agoSeconds: 181 * 86_400 });
    await expect(sharing().split(ctx, splitOf(old, [{ ...receiver, amount: 100n }]))).rejects.toEqual(rejected("INVALID_REQUEST", /完结/));
  });

  it("returns from a merchant receiver at most what it was split, idempotently; not from a person", async () => {
    const trade = await paidTrade(10_000n);
    const merchant = await boundReceiver("MERCHANT_ID");
    const person = await boundReceiver("PERSONAL_OPENID");
    const request = splitOf(trade, [
      { ...merchant, amount: 2_000n },
      { ...person, amount: 500n },
    ]);
    const split = await sharing().split(ctx, request);
    const back = {
      outOrderNo: request.outOrderNo,
      channelOrderId: split.channelOrderId,
      outReturnNo: uniqueNo("B"),
      receiver: merchant,
      amount: 1_500n,
      description: "退款回退",
      currency: "CNY" as const,
    };
    // the split is still processing at WeChat Pay: try again later
    await holdProcessing(request.outOrderNo);
    await expect(sharing().returnSplit!(ctx, back)).rejects.toEqual(rejected(SPLIT_RETRY_LATER));
    await letSettle(request.outOrderNo);

    const returned = await sharing().returnSplit!(ctx, back);
    expect(returned).toMatchObject({ state: "SUCCEEDED", channelReturnId: expect.stringMatching(/^31\d+/), finishedAt: expect.any(Date) });
    expect(await sharing().returnSplit!(ctx, back)).toEqual(returned);
    expect(await sharing().queryReturn!(ctx, { outReturnNo: back.outReturnNo, outOrderNo: back.outOrderNo })).toEqual(returned);
    await expect(sharing().returnSplit!(ctx, { ...back, amount: 1_000n })).rejects.toEqual(rejected("INVALID_REQUEST", /不一致/));
    await expect(sharing().returnSplit!(ctx, { ...back, outReturnNo: uniqueNo("B"), amount: 501n })).rejects.toEqual(rejected("NOT_ENOUGH"));
    await expect(sharing().returnSplit!(ctx, { ...back, outReturnNo: uniqueNo("B"), amount: 500n })).resolves.toMatchObject({ state: "SUCCEEDED" });
    // the plugin sends no return from a person; the sandbox refuses one from an account the split did not pay
    await expect(sharing().returnSplit!(ctx, { ...back, outReturnNo: uniqueNo("B"), receiver: person, amount: 1n })).rejects.toBeInstanceOf(ChannelRejectedError);
    await expect(sharing().returnSplit!(ctx, { ...back, outReturnNo: uniqueNo("B"), receiver: { type: "MERCHANT_ID", account: "1999999999" }, amount: 1n })).rejects.toEqual(
      rejected("PARAM_ERROR"),
    );
    await expect(sharing().queryReturn!(ctx, { outReturnNo: "NO-SUCH-RETURN", outOrderNo: back.outOrderNo })).rejects.toEqual(rejected(SPLIT_NOT_FOUND));
  });

  it("refuses a split or a refund beyond what is still frozen (NOT_ENOUGH); a return frees money for a refund", async () => {
    const trade = await paidTrade(10_000n);
    const merchant = await boundReceiver("MERCHANT_ID");
    const request = splitOf(trade, [{ ...merchant, amount: 3_000n }]);
    const split = await sharing().split(ctx, request);
    const refund = (refundAmount: bigint) => ({ outTradeNo: trade.outTradeNo, outRefundNo: uniqueNo("R"), refundAmount, totalAmount: 10_000n, currency: "CNY" as const });

    await expect(plugin.refund(ctx, refund(7_001n))).rejects.toEqual(rejected("NOT_ENOUGH"));
    await expect(plugin.refund(ctx, refund(6_000n))).resolves.toMatchObject({ state: "PROCESSING" });
    // 1000 left frozen, and 0 left under the 30 % cap: a split of 1001 is refused either way
    await expect(sharing().split(ctx, splitOf(trade, [{ ...merchant, amount: 1_001n }]))).rejects.toBeInstanceOf(ChannelRejectedError);
    await expect(plugin.refund(ctx, refund(1_001n))).rejects.toEqual(rejected("NOT_ENOUGH"));

    await letSettle(request.outOrderNo);
    const back = { outOrderNo: request.outOrderNo, channelOrderId: split.channelOrderId, outReturnNo: uniqueNo("B"), receiver: merchant, amount: 3_000n, description: "退款回退", currency: "CNY" as const };
    await sharing().returnSplit!(ctx, back);
    await expect(plugin.refund(ctx, refund(4_000n))).resolves.toMatchObject({ state: "PROCESSING" });
    await expect(plugin.refund(ctx, refund(1n))).rejects.toEqual(rejected("INVALID_REQUEST"));
  });

  it("races change nothing twice: the same split at once is one order; a split and a refund of the same money, one wins", async () => {
    const trade = await paidTrade(10_000n);
    const merchant = await boundReceiver("MERCHANT_ID");
    const request = splitOf(trade, [{ ...merchant, amount: 3_000n }]);
    const answers = await Promise.all(Array.from({ length: 5 }, () => sharing().split(ctx, request)));
    expect(new Set(answers.map((a) => a.channelOrderId)).size).toBe(1);
    expect(await db.sandboxSplitOrder.count({ where: { tradeId: trade.id } })).toBe(1);

    const other = await paidTrade(10_000n);
    const refund = { outTradeNo: other.outTradeNo, outRefundNo: uniqueNo("R"), refundAmount: 8_000n, totalAmount: 10_000n, currency: "CNY" as const };
    const outcomes = await Promise.allSettled([sharing().split(ctx, splitOf(other, [{ ...merchant, amount: 3_000n }])), plugin.refund(ctx, refund)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { name: "ChannelRejectedError", code: "NOT_ENOUGH" } });
  });
});
