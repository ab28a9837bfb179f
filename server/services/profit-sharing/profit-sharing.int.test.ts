process.env.PROFIT_SHARING_DELAY_SECONDS = "0";
process.env.SANDBOX_SPLIT_MIN_DELAY_SECONDS = "0";
process.env.PROFIT_SHARING_RETRY_TIME_SCALE = "0.001";

import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { callerAs, outcome } from "@/server/testing/callers";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually, expectBalancedJournal, setFaults } from "@/server/testing/payment-fixtures";

resetEnvCache();

const MCH = "M10000001";
const env = useDemoPaymentEnv();
let counter = 0;
const uniq = () => `${Date.now()}${counter++}`;

/** A receiver (MERCHANT_ID) bound at a channel account, made through the console as finance. */
const receivers = new Map<string, string>();
async function receiverAt(channelAccountId: string, tag = "a", type = "MERCHANT_ID"): Promise<string> {
  const key = `${channelAccountId}:${tag}`;
  const known = receivers.get(key);
  if (known) return known;
  const finance = await callerAs("finance@demo.local");
  const created = await finance.profitSharing.createReceiver({
    mchNo: MCH,
    channelAccountId,
    type,
    account: type === "userId" ? `2088${tag.charCodeAt(0)}000000001` : `19000${tag.charCodeAt(0)}${channelAccountId.slice(0, 4)}`.replace(/[^0-9a-z]/gi, "0"),
    name: `分账方${tag}`,
    relationType: "PARTNER",
  });
  expect(created.bindState).toBe("PENDING");
  await eventually(async () => (await db.profitShareReceiver.findUniqueOrThrow({ where: { id: created.id } })).bindState === "BOUND");
  receivers.set(key, created.id);
  return created.id;
}

async function paidOrder(amount: number, extra: Record<string, unknown> = {}) {
  const created = await env.api("/api/v1/pay-orders", {
    body: { mchOrderNo: `PS${uniq()}`, amount, subject: "分账测试", channel: "wechatpay", mode: "native", ...extra },
  });
  expect(created.status).toBe(201);
  const payOrderNo = created.json.payOrderNo as string;
  await env.api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success" } });
  const order = await eventually(async () => {
    const row = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
    return row.status === "PAID" && row;
  });
  const payment = await db.payment.findUniqueOrThrow({ where: { attemptNo: order.paidAttemptNo! } });
  return { payOrderNo, order, payment };
}

const splitVia = (payOrderNo: string, body: unknown) => env.api(`/api/v1/pay-orders/${payOrderNo}/splits`, { body });
const splitDone = (splitNo: string) =>
  eventually(async () => {
    const split = await db.profitSplit.findUniqueOrThrow({ where: { splitNo }, include: { receivers: true } });
    return (split.status === "FINISHED" || split.status === "FAILED") && split;
  });

describe("automatic splits by rule", () => {
  it("freezes a rule-matched payment, splits it after the delay and journals each receiver's share, balanced", async () => {
    const finance = await callerAs("finance@demo.local");
    // rules are per app: match on a metadata value only these orders carry
    const tag = `rule${uniq()}`;
    const receiverIds = new Map<string, string>();
    for (const acc of await db.channelAccount.findMany({ where: { appId: DEMO_APP.id, channel: "wechatpay" } })) {
      receiverIds.set(acc.id, await receiverAt(acc.id, "r"));
    }
    const rules = [];
    for (const receiverId of receiverIds.values()) {
      rules.push(await finance.profitSharing.createRule({ mchNo: MCH, appId: DEMO_APP.id, name: "平台抽成", receiverId, mode: "RATIO", ratioBps: 1000, match: "METADATA", metadataKey: "campaign", metadataValue: tag }));
    }
    try {
      const { payOrderNo, order, payment } = await paidOrder(12_345, { metadata: { campaign: tag } });
      expect(order.profitSharing).toBe(true);
      const split = await eventually(async () => {
        const row = await db.profitSplit.findFirst({ where: { payOrderNo, source: "AUTO" }, include: { receivers: true } });
        return row?.status === "FINISHED" && row;
      });
      const fee = payment.feeAmount ?? 0n;
      const expected = ((12_345n - fee) * 1000n) / 10_000n;
      expect(split.finish).toBe(true);
      expect(split.amount).toBe(expected);
      expect(split.receivers).toHaveLength(1);
      expect(split.receivers[0]).toMatchObject({ result: "SUCCESS", amount: expected, receiverId: receiverIds.get(payment.channelAccountId) });
      const after = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
      expect(after.splitAmount).toBe(expected);
      expect(after.splitFinishedAt).not.toBeNull();
      const entries = await expectBalancedJournal(payOrderNo);
      const shares = entries.filter((e) => e.kind === "profit_share");
      expect(shares).toHaveLength(1);
      expect(shares[0].dedupeKey).toBe(`profit_share:${split.splitNo}:${split.receivers[0].id}`);
      expect(shares[0].amount).toBe(-expected);
      // the journal's merchant payable moved to the receivers' payable, by the split
      const payable = shares[0].postings.find((p) => p.amount > 0n)!;
      expect(payable.amount).toBe(expected);
      // an order without the metadata is not frozen
      const plain = await paidOrder(1_000);
      expect(plain.order.profitSharing).toBe(false);
      // the console sees the split; a viewer may not
      const view = await finance.profitSharing.orderSplits({ mchNo: MCH, payOrderNo });
      expect(view.splits[0]).toMatchObject({ splitNo: split.splitNo, status: "FINISHED", source: "AUTO" });
      expect(view.inFlight).toBe(false);
      expect(await outcome((await callerAs("viewer@demo.local")).profitSharing.orderSplits({ mchNo: MCH, payOrderNo }))).toBe("FORBIDDEN");
    } finally {
      for (const rule of rules) await finance.profitSharing.deleteRule({ mchNo: MCH, ruleId: rule.id });
    }
  });
});

describe("API splits", () => {
  it("answers every refusal with its 4xx and replays the same outSplitNo", async () => {
    const { payOrderNo, payment } = await paidOrder(10_000, { profitSharing: true });
    const receiverId = await receiverAt(payment.channelAccountId);
    const outSplitNo = `S${uniq()}`;
    const body = { outSplitNo, receivers: [{ receiverId, amount: 1_000, description: "佣金" }] };

    const first = await splitVia(payOrderNo, body);
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ payOrderNo, outSplitNo, source: "API", amount: 1_000, receivers: [{ receiverId, amount: 1_000, description: "佣金" }] });
    const replay = await splitVia(payOrderNo, body);
    expect(replay.status).toBe(200);
    expect(replay.json.splitNo).toBe(first.json.splitNo);
    const mismatch = await splitVia(payOrderNo, { ...body, receivers: [{ receiverId, amount: 999 }] });
    expect([mismatch.status, mismatch.json.error?.code]).toEqual([409, "PARAMS_MISMATCH"]);

    const done = await splitDone(first.json.splitNo);
    expect(done.status).toBe("FINISHED");
    expect(done.receivers[0].result).toBe("SUCCESS");

    const unknownReceiver = await splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId: "0193a1b2-0000-7000-8000-00000000dead", amount: 1 }] });
    expect([unknownReceiver.status, unknownReceiver.json.error?.code]).toEqual([404, "RECEIVER_NOT_FOUND"]);
    const tooMuch = await splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 9_001 }] });
    expect([tooMuch.status, tooMuch.json.error?.code]).toEqual([409, "SPLIT_EXCEEDS_SPLITTABLE"]);
    const missing = await splitVia("P20261204000000000AAAAAAAA", { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 1 }] });
    expect([missing.status, missing.json.error?.code]).toEqual([404, "ORDER_NOT_FOUND"]);
    const hostile = await splitVia("P%00x%27", { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 1 }] });
    expect(hostile.status).toBe(404);
    for (const bad of [{}, { outSplitNo: "a b", receivers: [{ receiverId, amount: 1 }] }, { outSplitNo: "x", receivers: [{ receiverId, amount: 1.5 }] }, { outSplitNo: "x", receivers: [] }]) {
      const answer = await splitVia(payOrderNo, bad);
      expect([answer.status, answer.json.error?.code]).toEqual([400, "VALIDATION_FAILED"]);
    }
    const malformed = await env.api(`/api/v1/pay-orders/${payOrderNo}/splits`, { raw: "{not json" });
    expect(malformed.status).toBe(400);
    // junk: broken %-encoding in the path, NUL in a string, a number as text, a huge body — 4xx, nothing written
    const splitsBefore = await db.profitSplit.count({ where: { payOrderNo } });
    expect((await splitVia("P%E0%A4%A", { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 1 }] })).status).toBe(404);
    for (const bad of [
      { outSplitNo: "S\u0000x", receivers: [{ receiverId, amount: 1 }] },
      { outSplitNo: `S${uniq()}`, receivers: [{ receiverId: `${receiverId}\u0000`, amount: 1 }] },
      { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: "1" }] },
      { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 1, description: "x".repeat(81) }] },
    ]) {
      const answer = await splitVia(payOrderNo, bad);
      expect(answer.status, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(answer.status, JSON.stringify(bad)).toBeLessThan(500);
    }
    const huge = await env.api(`/api/v1/pay-orders/${payOrderNo}/splits`, { raw: JSON.stringify({ outSplitNo: "S", receivers: [], pad: "x".repeat(2_000_000) }) });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(await db.profitSplit.count({ where: { payOrderNo } })).toBe(splitsBefore);

    // finish releases the rest: nothing may follow
    const finish = await splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 500 }], finish: true });
    expect(finish.status).toBe(202);
    const after = await splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 1 }] });
    expect([after.status, after.json.error?.code]).toEqual([409, "SPLIT_FINISHED"]);
    expect((await splitDone(finish.json.splitNo)).status).toBe("FINISHED");

    const listed = await env.api(`/api/v1/pay-orders/${payOrderNo}/splits`);
    expect(listed.status).toBe(200);
    expect(listed.json.splits.map((s: { splitNo: string }) => s.splitNo).sort()).toEqual([first.json.splitNo, finish.json.splitNo].sort());
    const journal = await expectBalancedJournal(payOrderNo);
    expect(journal.filter((e) => e.kind === "profit_share").map((e) => e.amount).sort()).toEqual([-1_000n, -500n]);

    // an order not frozen for sharing, and one not paid
    const plain = await paidOrder(2_000);
    const notShared = await splitVia(plain.payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 1 }] });
    expect([notShared.status, notShared.json.error?.code]).toEqual([409, "PROFIT_SHARING_NOT_ENABLED"]);
    const unpaid = await env.api("/api/v1/pay-orders", { body: { mchOrderNo: `PS${uniq()}`, amount: 100, subject: "未付", channel: "wechatpay", mode: "native", profitSharing: true } });
    const notPaid = await splitVia(unpaid.json.payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 1 }] });
    expect([notPaid.status, notPaid.json.error?.code]).toEqual([409, "ORDER_NOT_PAID"]);
  });

  it("fails a split the channel refuses (over 30 %) and gives the reservation back", async () => {
    const { payOrderNo, payment } = await paidOrder(10_000, { profitSharing: true });
    const receiverId = await receiverAt(payment.channelAccountId);
    const answer = await splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 3_001 }] });
    expect(answer.status).toBe(202);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).splitAmount).toBe(3_001n);
    const failed = await splitDone(answer.json.splitNo);
    expect(failed.status).toBe("FAILED");
    expect(failed.failureMessage).toMatch(/\S/);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).splitAmount).toBe(0n);
    expect(await db.journalEntry.count({ where: { payOrderNo, kind: "profit_share" } })).toBe(0);
    // 30 % exactly is taken
    const ok = await splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 3_000 }] });
    expect((await splitDone(ok.json.splitNo)).status).toBe("FINISHED");
  });

  it("never reserves more than the splittable amount under concurrent splits", async () => {
    const { payOrderNo, payment } = await paidOrder(5_000, { profitSharing: true });
    const receiverId = await receiverAt(payment.channelAccountId);
    // the channel is down meanwhile: nothing is released while the requests race
    await setFaults(DEMO_APP.id, "wechatpay", { errorPerMille: 1000 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 1_000 }] })),
      );
      const codes = answers.map((a) => (a.status === 202 ? "ACCEPTED" : a.json.error?.code)).sort();
      expect(codes.filter((c) => c === "ACCEPTED")).toHaveLength(5);
      expect(codes.filter((c) => c === "SPLIT_EXCEEDS_SPLITTABLE")).toHaveLength(5);
      expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).splitAmount).toBe(5_000n);
    } finally {
      await setFaults(DEMO_APP.id, "wechatpay", {});
    }
  });
});

describe("the channel's delay after payment", () => {
  it("retries a split the channel finds too early, then splits it", async () => {
    // receivers first, so the split is sent well within the channel's delay
    for (const acc of await db.channelAccount.findMany({ where: { appId: DEMO_APP.id, channel: "wechatpay" } })) await receiverAt(acc.id);
    process.env.SANDBOX_SPLIT_MIN_DELAY_SECONDS = "3";
    resetEnvCache();
    try {
      const { payOrderNo, payment } = await paidOrder(10_000, { profitSharing: true });
      const receiverId = await receiverAt(payment.channelAccountId);
      const answer = await splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 100 }] });
      expect(answer.status).toBe(202);
      const done = await splitDone(answer.json.splitNo);
      expect(done.status).toBe("FINISHED");
      expect(done.attempts).toBeGreaterThanOrEqual(1);
      expect(done.receivers[0].result).toBe("SUCCESS");
    } finally {
      process.env.SANDBOX_SPLIT_MIN_DELAY_SECONDS = "0";
      resetEnvCache();
    }
  });
});

describe("refunds after splits", () => {
  it("returns the split from the receiver first, then refunds: profit_share_return before refund in the journal", async () => {
    const { payOrderNo, payment } = await paidOrder(10_000, { profitSharing: true });
    const receiverId = await receiverAt(payment.channelAccountId);
    const split = await splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 3_000 }] });
    expect((await splitDone(split.json.splitNo)).status).toBe("FINISHED");

    // 7 000 is still the merchant's: a refund of 8 000 needs 1 000 back
    const refund = await env.api("/api/v1/refunds", { body: { payOrderNo, mchRefundNo: `R${uniq()}`, amount: 8_000, reason: "退货" } });
    expect(refund.status).toBe(201);
    const done = await eventually(async () => {
      const row = await db.refund.findUniqueOrThrow({ where: { refundNo: refund.json.refundNo } });
      return row.status !== "PROCESSING" && row;
    }, 20_000);
    expect(done.status).toBe("SUCCEEDED");
    const returns = await db.profitShareReturn.findMany({ where: { refundNo: done.refundNo } });
    expect(returns.map((r) => [r.status, r.amount])).toEqual([["SUCCEEDED", 1_000n]]);
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
    expect(order).toMatchObject({ splitAmount: 2_000n, refundedAmount: 8_000n, refundingAmount: 0n });
    expect((await db.profitSplitReceiver.findFirstOrThrow({ where: { splitNo: split.json.splitNo } })).returnedAmount).toBe(1_000n);

    const entries = (await expectBalancedJournal(payOrderNo)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const kinds = entries.map((e) => e.kind).filter((k) => k === "profit_share_return" || k === "refund");
    expect(kinds).toEqual(["profit_share_return", "refund"]);
    expect(entries.find((e) => e.kind === "profit_share_return")!.amount).toBe(1_000n);
  });
});

describe("a channel without returns (Alipay)", () => {
  it("splits synchronously and refuses a refund that would need split money back, 409 REFUND_EXCEEDS_UNSPLIT", async () => {
    const { payOrderNo, payment } = await paidOrder(10_000, { profitSharing: true, channel: "alipay", mode: "pc" });
    const receiverId = await receiverAt(payment.channelAccountId, "ali", "userId");
    const split = await splitVia(payOrderNo, { outSplitNo: `S${uniq()}`, receivers: [{ receiverId, amount: 1_000 }] });
    expect(split.status).toBe(202);
    expect((await splitDone(split.json.splitNo)).status).toBe("FINISHED");
    const over = await env.api("/api/v1/refunds", { body: { payOrderNo, mchRefundNo: `R${uniq()}`, amount: 9_001 } });
    expect([over.status, over.json.error?.code]).toEqual([409, "REFUND_EXCEEDS_UNSPLIT"]);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).refundingAmount).toBe(0n);
    const within = await env.api("/api/v1/refunds", { body: { payOrderNo, mchRefundNo: `R${uniq()}`, amount: 9_000 } });
    expect(within.status).toBe(201);
    const done = await eventually(async () => {
      const row = await db.refund.findUniqueOrThrow({ where: { refundNo: within.json.refundNo } });
      return row.status !== "PROCESSING" && row;
    }, 20_000);
    expect(done.status).toBe("SUCCEEDED");
  });
});

describe("receivers and rules in the console", () => {
  it("lets finance manage them, audits it, refuses a viewer and a rule to a removed receiver", async () => {
    const finance = await callerAs("finance@demo.local");
    const options = await finance.profitSharing.options({ mchNo: MCH });
    expect(options.mayManage).toBe(true);
    const wechat = options.channelAccounts.find((a) => a.channel === "wechatpay" && a.appId === DEMO_APP.id)!;
    expect(wechat.receiverTypes).toEqual(["MERCHANT_ID", "PERSONAL_OPENID"]);
    const receiverId = await receiverAt(wechat.id, "m");
    expect(await outcome(finance.profitSharing.createReceiver({ mchNo: MCH, channelAccountId: wechat.id, type: "userId", account: "x", relationType: "STORE" }))).toBe("BAD_REQUEST");
    const viewer = await callerAs("viewer@demo.local");
    expect(await outcome(viewer.profitSharing.receivers({ mchNo: MCH }))).toBe("FORBIDDEN");
    const rule = await finance.profitSharing.createRule({ mchNo: MCH, appId: DEMO_APP.id, name: "门店", receiverId, mode: "FIXED", amount: 100, match: "STORE", storeId: `ST${uniq()}` });
    expect(rule).toMatchObject({ mode: "FIXED", amount: 100n, ratioBps: null, enabled: true });
    expect((await finance.profitSharing.setRuleEnabled({ mchNo: MCH, ruleId: rule.id, enabled: false })).enabled).toBe(false);
    await finance.profitSharing.removeReceiver({ mchNo: MCH, receiverId });
    receivers.delete(`${wechat.id}:m`);
    expect(await outcome(finance.profitSharing.setRuleEnabled({ mchNo: MCH, ruleId: rule.id, enabled: true }))).toBe("NOT_FOUND");
    expect((await finance.profitSharing.receivers({ mchNo: MCH })).some((r) => r.id === receiverId)).toBe(false);
    await eventually(async () => (await db.profitShareReceiver.findUniqueOrThrow({ where: { id: receiverId } })).bindState === "UNBOUND");
    const audited = await db.auditLog.findMany({ where: { targetId: { in: [receiverId, rule.id] } }, select: { action: true } });
    expect(audited.map((a) => a.action).sort()).toEqual(
      ["profit_share_receiver.created", "profit_share_receiver.removed", "profit_share_rule.created", "profit_share_rule.disabled"].sort(),
    );
  });
});
