import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { BARCODE_REVERSED } from "@/server/domain/barcode-loop";
import { confirmCodePayment } from "@/server/sandbox/barcode-trades";
import { issuePayCode, type PayCodeChannel, type SandboxBuyer } from "@/server/sandbox/paycodes";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { eventually, expectBalancedJournal, sandboxMerchantFor, setFaults } from "@/server/testing/payment-fixtures";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { applyTradeResult } from "./apply-trade-result";
import { reverseBarcodeAttempt } from "./barcode-poll";
import { queryAttempt } from "./query-attempt";
import { startAttempt } from "./start-attempt";

/**
 * Barcode payment (付款码) end to end: the Open API (and the POS's startAttempt), the plugins over
 * real HTTP against the sandbox's codepay / trade.pay, and the barcode loop run by the job worker —
 * with its pauses compressed (BARCODE_TIME_SCALE: query every 250 ms, reverse after 2.25 s).
 */
process.env.BARCODE_TIME_SCALE = "0.05";

const env = useDemoPaymentEnv(async () => {
  await db.app.update({ where: { id: DEMO_APP.id }, data: { repeatGuardSeconds: 0 } });
  invalidateApiApp();
});
const api = (path: string, request?: Parameters<typeof env.api>[1]) => env.api(path, request);

let counter = 0;
const newOrder = (authCode: string, over: Record<string, unknown> = {}) => ({
  mchOrderNo: `BC${Date.now()}${counter++}`,
  amount: 1288,
  subject: "门店收银",
  mode: "barcode",
  // the webhook's address: its delivery is recorded (and fails to connect, which is not this file's matter)
  notifyUrl: "https://mall.example/pay-notify",
  payer: { authCode },
  ...over,
});
const code = (channel: PayCodeChannel, buyer: SandboxBuyer) => issuePayCode(channel, buyer);

async function attemptOf(payOrderNo: string) {
  return db.payment.findFirstOrThrow({ where: { payOrderNo }, orderBy: { seq: "desc" } });
}

async function sandboxTradeOf(channel: PayCodeChannel, attemptNo: string) {
  const merchant = await sandboxMerchantFor(DEMO_APP.id, channel);
  return db.sandboxTrade.findUniqueOrThrow({ where: { sandboxMerchantId_outTradeNo: { sandboxMerchantId: merchant.id, outTradeNo: attemptNo } } });
}

/** Stops the loop's job for an attempt, so a test can play its steps in the order it wants. */
async function stopLoop(attemptNo: string) {
  // a run in progress may add the next one: remove until no run of it is queued or running
  await eventually(async () => {
    await db.$executeRawUnsafe(`SELECT graphile_worker.remove_job($1)`, `barcode-poll:${attemptNo}`);
    const [{ count }] = await db.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = 'barcode-poll' AND j.payload->>'attemptNo' = $1`,
      attemptNo,
    );
    return count === 0;
  });
}

async function loopJobTries(attemptNo: string): Promise<number | null> {
  const rows = await db.$queryRawUnsafe<{ payload: { reverseTries?: number } }[]>(`SELECT payload FROM graphile_worker._private_jobs WHERE key = $1`, `barcode-poll:${attemptNo}`);
  return rows[0]?.payload.reverseTries ?? null;
}

async function counts(payOrderNo: string) {
  const [entries, succeeded, deliveries] = await Promise.all([
    expectBalancedJournal(payOrderNo),
    db.event.count({ where: { payOrderNo, type: "pay_order.succeeded" } }),
    db.webhookDelivery.count({ where: { eventId: { in: (await db.event.findMany({ where: { payOrderNo, type: "pay_order.succeeded" }, select: { id: true } })).map((e) => e.id) } } }),
  ]);
  return { entries: entries.length, succeeded, deliveries };
}

describe.each(["wechatpay", "alipay"] as const)("barcode payment with %s", (channel) => {
  it("a code that pays at once: PAID in the answer, the channel taken from the code, one journal entry, one event and webhook", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder(code(channel, "instant")) });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: "PAID", channel, mode: "barcode", paidAmount: 1288, payData: null });
    expect(created.json.attempts).toEqual([expect.objectContaining({ status: "SUCCEEDED", channel })]);
    expect(created.json.channelTradeNo).toBeTruthy();
    expect(await counts(created.json.payOrderNo)).toEqual({ entries: 1, succeeded: 1, deliveries: 1 });
    // routed among that channel's accounts only: the other channel's account was a candidate, excluded
    const { routeDecision } = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo }, select: { routeDecision: true } });
    const decision = routeDecision as { requestedChannel: string; candidates: { channel: string; excluded?: string }[] };
    expect(decision.requestedChannel).toBe(channel);
    expect(decision.candidates.filter((c) => c.channel !== channel).every((c) => c.excluded === "channel")).toBe(true);
  });

  it("the same request again answers the paid order and charges nothing more", async () => {
    const body = newOrder(code(channel, "instant"));
    const first = await api("/api/v1/pay-orders", { body });
    const again = await api("/api/v1/pay-orders", { body });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json).toMatchObject({ payOrderNo: first.json.payOrderNo, status: "PAID" });
    expect(await db.payment.count({ where: { payOrderNo: first.json.payOrderNo } })).toBe(1);
    const merchant = await sandboxMerchantFor(DEMO_APP.id, channel);
    expect(await db.sandboxTrade.count({ where: { sandboxMerchantId: merchant.id, outTradeNo: { startsWith: first.json.payOrderNo } } })).toBe(1);
    expect((await counts(first.json.payOrderNo)).entries).toBe(1);
    // with an Idempotency-Key, the first answer itself comes back
    const keyed = newOrder(code(channel, "instant"));
    const headers = { "idempotency-key": `key-${keyed.mchOrderNo}` };
    const one = await api("/api/v1/pay-orders", { body: keyed, headers });
    const two = await api("/api/v1/pay-orders", { body: keyed, headers });
    expect([one.status, two.status, two.headers.get("idempotent-replayed")]).toEqual([201, 201, "true"]);
    expect(two.json).toEqual(one.json);
    expect(await db.payment.count({ where: { payOrderNo: one.json.payOrderNo } })).toBe(1);
  });

  it("a payer who must enter a password: PENDING, the attempt PROCESSING; confirmed after a few queries, the loop makes it PAID", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder(code(channel, "password")) });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: "PENDING", channel });
    expect(created.json.attempts[0].status).toBe("PROCESSING");
    const attemptNo = created.json.attempts[0].attemptNo;
    // a slow payer: the loop has queried (USERPAYING / WAIT_BUYER_PAY) twice before the password comes
    await eventually(async () => (await db.payment.findUniqueOrThrow({ where: { attemptNo } })).syncCount >= 2);
    await confirmCodePayment((await sandboxTradeOf(channel, attemptNo)).id, "success");
    await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).status === "PAID");
    expect((await attemptOf(created.json.payOrderNo)).status).toBe("SUCCEEDED");
    if (channel === "alipay") {
      // Alipay also sends its notification: the callback and the loop's query race, one applies
      const notification = await eventually(() => db.channelNotification.findFirst({ where: { attemptNo } }));
      expect(notification.result).toBe("ACCEPTED");
    }
    expect(await counts(created.json.payOrderNo)).toEqual({ entries: 1, succeeded: 1, deliveries: 1 });
  });

  it("a payer who never enters the password: the loop reverses it — attempt CLOSED, trade closed at the channel, nothing owed", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder(code(channel, "password")) });
    const attemptNo = created.json.attempts[0].attemptNo;
    const closed = await eventually(async () => {
      const attempt = await db.payment.findUniqueOrThrow({ where: { attemptNo } });
      return attempt.status === "CLOSED" && attempt;
    });
    expect(closed.failureCode).toBe(BARCODE_REVERSED);
    expect(await sandboxTradeOf(channel, attemptNo)).toMatchObject({ state: "CLOSED", stateDetail: "REVERSED", refundedAmount: 0n });
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).status).toBe("PENDING");
    expect(await counts(created.json.payOrderNo)).toEqual({ entries: 0, succeeded: 0, deliveries: 0 });
    // the payer confirms too late: the channel has closed the trade
    await confirmCodePayment((await sandboxTradeOf(channel, attemptNo)).id, "success");
    expect((await sandboxTradeOf(channel, attemptNo)).state).toBe("CLOSED");
  });

  it("a reverse that fails (the channel answers errors) is tried again until it succeeds", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder(code(channel, "password")) });
    const attemptNo = created.json.attempts[0].attemptNo;
    await setFaults(DEMO_APP.id, channel, { errorPerMille: 1000 });
    try {
      // every call fails now: queries, then the reverse, twice at least
      await eventually(async () => ((await loopJobTries(attemptNo)) ?? 0) >= 2);
      expect((await db.payment.findUniqueOrThrow({ where: { attemptNo } })).status).toBe("PROCESSING");
    } finally {
      await setFaults(DEMO_APP.id, channel, {});
    }
    await eventually(async () => (await db.payment.findUniqueOrThrow({ where: { attemptNo } })).status === "CLOSED");
    expect(await sandboxTradeOf(channel, attemptNo)).toMatchObject({ state: "CLOSED", stateDetail: "REVERSED" });
  });

  it("declined (insufficient balance): 502 with the channel's reason, the attempt FAILED, the order still payable", async () => {
    const body = newOrder(code(channel, "insufficient"));
    const created = await api("/api/v1/pay-orders", { body });
    expect([created.status, created.json.error.code]).toEqual([502, "CHANNEL_ERROR"]);
    const order = await db.payOrder.findUniqueOrThrow({ where: { appId_mchOrderNo: { appId: DEMO_APP.id, mchOrderNo: body.mchOrderNo } } });
    const attempt = await attemptOf(order.payOrderNo);
    expect(attempt).toMatchObject({ status: "FAILED", failureCode: channel === "wechatpay" ? "NOTENOUGH" : "ACQ.BUYER_BALANCE_NOT_ENOUGH" });
    expect(attempt.failureMessage).toMatch(/余额不足/);
    expect(order.status).toBe("PENDING");
    // the payer tops up and shows a new code: a new attempt on the same order pays it
    const again = await api("/api/v1/pay-orders", { body: { ...body, payer: { authCode: code(channel, "instant") } } });
    expect([again.status, again.json.status]).toEqual([200, "PAID"]);
  });

  it("the channel's answer is a system error though it took the money: PENDING, then PAID by the loop's query", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder(code(channel, "error")) });
    expect(created.status).toBe(201);
    expect(created.json.status).toBe("PENDING");
    await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).status === "PAID");
    expect(await counts(created.json.payOrderNo)).toEqual({ entries: 1, succeeded: 1, deliveries: 1 });
  });

  it("closing the order while the payer types the password reverses the trade at the channel", async () => {
    const created = await api("/api/v1/pay-orders", { body: newOrder(code(channel, "password")) });
    const attemptNo = created.json.attempts[0].attemptNo;
    await stopLoop(attemptNo);
    const closed = await api(`/api/v1/pay-orders/${created.json.payOrderNo}/close`, { method: "POST", body: {} });
    expect([closed.status, closed.json.status]).toEqual([200, "CLOSED"]);
    expect(await db.payment.findUniqueOrThrow({ where: { attemptNo } })).toMatchObject({ status: "CLOSED", failureCode: BARCODE_REVERSED });
    expect(await sandboxTradeOf(channel, attemptNo)).toMatchObject({ state: "CLOSED", stateDetail: "REVERSED" });
  });

  it("the POS contract: startAttempt on an open pay order, mode barcode, entry pos, no channel", async () => {
    const created = await api("/api/v1/pay-orders", { body: { mchOrderNo: `POS${Date.now()}${counter++}`, amount: 990, subject: "门店" } });
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } });
    const attempt = await startAttempt(order, { mode: "barcode", payer: { authCode: code(channel, "instant"), clientIp: "10.0.0.8" }, entry: "pos" });
    expect(attempt).toMatchObject({ status: "SUCCEEDED", channel, mode: "barcode" });
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: order.payOrderNo } })).status).toBe("PAID");
  });
});

describe("the order center and the trade center reach a barcode attempt", () => {
  it("an order's trade paid with a payment code: the trade succeeds, the order is PAID", async () => {
    const sourceOrderNo = `BCO${Date.now()}${counter++}`;
    const placed = await api("/api/v1/orders", {
      body: { sourceOrderNo, type: "standard", scene: "store", storeId: "S01", buyer: { id: "U-BC" }, lines: [{ sku: "TEA", name: "茶", quantity: 1, unitPrice: 1500 }], payableAmount: 1500 },
    });
    expect(placed.status).toBe(201);
    const trade = await api(`/api/v1/orders/${placed.json.orderNo}/trades`, {
      body: { tradeNo: `TR${sourceOrderNo}`, deductMode: "lock", channel: "alipay", mode: "barcode", payer: { authCode: code("alipay", "instant") } },
    });
    expect(trade.status, JSON.stringify(trade.json)).toBe(201);
    await eventually(async () => (await api(`/api/v1/orders/${placed.json.orderNo}`)).json.status === "PAID");
    await eventually(async () => (await api(`/api/v1/trades/${trade.json.tradeId}`)).json.status === "SUCCEEDED");
  });
});

describe("the payer pays while the reverse is on its way (WeChat Pay: no notification to race with)", () => {
  async function waitingAttempt() {
    const created = await api("/api/v1/pay-orders", { body: newOrder(code("wechatpay", "password")) });
    const attemptNo = created.json.attempts[0].attemptNo as string;
    await stopLoop(attemptNo);
    // the loop's last query: still waiting for the password
    expect((await queryAttempt(await db.payment.findUniqueOrThrow({ where: { attemptNo } }))).state).toBe("PENDING");
    // …and the payer confirms right then, before the reverse reaches the channel
    await confirmCodePayment((await sandboxTradeOf("wechatpay", attemptNo)).id, "success");
    return { payOrderNo: created.json.payOrderNo as string, attemptNo };
  }

  it("the reverse refunds the paid trade: the attempt CLOSED, not failed, nothing kept; a late 'paid' changes nothing", async () => {
    const { payOrderNo, attemptNo } = await waitingAttempt();
    await reverseBarcodeAttempt(await db.payment.findUniqueOrThrow({ where: { attemptNo } }), 0);
    expect(await db.payment.findUniqueOrThrow({ where: { attemptNo } })).toMatchObject({ status: "CLOSED", failureCode: BARCODE_REVERSED });
    const trade = await sandboxTradeOf("wechatpay", attemptNo);
    expect(trade).toMatchObject({ state: "CLOSED", stateDetail: "REVERSED" });
    expect(trade.refundedAmount).toBe(trade.amount);
    // what the channel said before its reverse, arriving late (a callback, a query answer): stale
    const late = await applyTradeResult(attemptNo, { state: "SUCCEEDED", channelTradeNo: trade.channelTradeNo, paidAt: trade.paidAt ?? new Date() });
    expect(late.changed).toBe(false);
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).status).toBe("PENDING");
    expect(await counts(payOrderNo)).toEqual({ entries: 0, succeeded: 0, deliveries: 0 });
  });

  it("the payment was applied here first: the reverse's refund is recorded, the order refunded in full, the journal nets to zero", async () => {
    const { payOrderNo, attemptNo } = await waitingAttempt();
    // a query (or callback) applies the payment before the reverse answers
    expect((await queryAttempt(await db.payment.findUniqueOrThrow({ where: { attemptNo } }))).state).toBe("SUCCEEDED");
    await reverseBarcodeAttempt(await db.payment.findUniqueOrThrow({ where: { attemptNo } }), 0);
    expect((await db.payment.findUniqueOrThrow({ where: { attemptNo } })).status).toBe("SUCCEEDED");
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
    expect(order).toMatchObject({ status: "REFUNDED", refundedAmount: 1288n, refundingAmount: 0n });
    const refunds = await db.refund.findMany({ where: { payOrderNo } });
    expect(refunds).toEqual([expect.objectContaining({ status: "SUCCEEDED", amount: 1288n, mchRefundNo: `reverse-${attemptNo}` })]);
    const entries = await expectBalancedJournal(payOrderNo);
    expect(entries.map((entry) => entry.kind).sort()).toEqual(["payment", "refund"]);
    // the same reverse outcome again (a retried job) records nothing more
    await reverseBarcodeAttempt(await db.payment.findUniqueOrThrow({ where: { attemptNo } }), 0);
    expect(await db.refund.count({ where: { payOrderNo } })).toBe(1);
  });
});

describe("codes no channel issues", () => {
  it("an unknown code, or a code of another channel than the one named, is a 400 on payer.authCode and creates nothing", async () => {
    for (const body of [newOrder("1234567890123456"), newOrder(code("alipay", "instant"), { channel: "wechatpay" })]) {
      const response = await api("/api/v1/pay-orders", { body });
      expect([response.status, response.json.error.code, response.json.error.field]).toEqual([400, "VALIDATION_FAILED", "payer.authCode"]);
      expect(await db.payOrder.count({ where: { mchOrderNo: body.mchOrderNo } })).toBe(0);
    }
  });

  it("a made-up or used code of the right shape is refused by the channel: 502, the attempt FAILED", async () => {
    const used = code("wechatpay", "instant");
    expect((await api("/api/v1/pay-orders", { body: newOrder(used) })).json.status).toBe("PAID");
    for (const authCode of [used, "134567890123456789"]) {
      const response = await api("/api/v1/pay-orders", { body: newOrder(authCode) });
      expect([response.status, response.json.error.code]).toEqual([502, "CHANNEL_ERROR"]);
    }
  });
});
