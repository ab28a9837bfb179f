import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { beijingDate, defaultBillDate } from "@/server/domain/reconciliation";
import { AppError } from "@/server/errors";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { eventually, expectBalancedJournal, sandboxMerchantFor, setFaults } from "@/server/testing/payment-fixtures";
import { scheduleReconciliations } from "./schedule-runs";
import { startReconciliation } from "./start-run";

/**
 * The reconciliation job end to end: orders paid through the Open API and the sandbox WeChat Pay
 * over real HTTP, moved to a past Beijing day (the bill of today is not out), then the day's bill
 * downloaded by the real plugin from the sandbox, staged, matched and repaired by the worker.
 * What the channel knows is changed in the sandbox's own tables (a trade it never billed, a wrong
 * amount, a trade we never saw), what we know through our own configuration (a wrong fee rate).
 */

const env = useDemoPaymentEnv();
let counter = 0;

async function wechatAccount() {
  return db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "wechatpay" }, orderBy: { priority: "desc" } });
}

/** Pays an order through the Open API and the sandbox; returns its attempt. `paid: false` leaves the callback to be lost. */
async function payOrder(amount: number, { paid = true } = {}) {
  const created = await env.api("/api/v1/pay-orders", {
    body: { mchOrderNo: `RC${Date.now()}${counter++}`, amount, subject: "Reconciliation", channel: "wechatpay", mode: "native" },
  });
  expect(created.status).toBe(201);
  const payOrderNo = created.json.payOrderNo as string;
  await env.api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success" } });
  if (paid) await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).status === "PAID");
  return db.payment.findFirstOrThrow({ where: { payOrderNo } });
}

async function refund(payOrderNo: string, amount: number) {
  const made = await env.api("/api/v1/refunds", { body: { payOrderNo, mchRefundNo: `RR${Date.now()}${counter++}`, amount, reason: "recon" } });
  expect(made.status).toBeLessThan(300);
  const refundNo = made.json.refundNo as string;
  await eventually(async () => (await db.refund.findUniqueOrThrow({ where: { refundNo } })).status === "SUCCEEDED");
  return refundNo;
}

/** Beijing wall-clock time of a day as an instant. */
const at = (day: string, time: string) => new Date(`${day}T${time}+08:00`);

/** Moves a payment to another instant on both sides: the channel's trade and our journal entry. */
async function movePayment(attemptNo: string, channelAt: Date, journalAt: Date = channelAt) {
  await db.sandboxTrade.updateMany({ where: { outTradeNo: attemptNo }, data: { paidAt: channelAt } });
  await db.journalEntry.updateMany({ where: { dedupeKey: `payment:${attemptNo}` }, data: { occurredAt: journalAt } });
  await db.payment.update({ where: { attemptNo }, data: { succeededAt: journalAt } });
}

async function moveRefund(refundNo: string, when: Date) {
  await db.sandboxRefund.updateMany({ where: { outRefundNo: refundNo }, data: { succeededAt: when } });
  await db.journalEntry.updateMany({ where: { dedupeKey: `refund:${refundNo}` }, data: { occurredAt: when } });
}

/** Starts the day's run and waits for the worker to end it. */
async function reconcile(billDate: string) {
  const account = await wechatAccount();
  const run = await startReconciliation({ channelAccountId: account.id, billDate, trigger: "manual" });
  expect(run).toMatchObject({ runId: run.id, status: "QUEUED", billDate: new Date(`${billDate}T00:00:00Z`), trigger: "manual" });
  return eventually(async () => {
    const row = await db.reconRun.findUniqueOrThrow({ where: { id: run.id } });
    return (row.status === "SUCCEEDED" || row.status === "FAILED") && row;
  }, 20_000);
}

const differencesOf = (billDate: string) =>
  db.reconDifference.findMany({ where: { billDate: new Date(`${billDate}T00:00:00Z`) }, orderBy: { outNo: "asc" } });

describe("startReconciliation", () => {
  it("refuses a day whose bill is not out yet, a bad day, and a day already running", async () => {
    const account = await wechatAccount();
    const today = beijingDate(new Date());
    await expect(startReconciliation({ channelAccountId: account.id, billDate: today, trigger: "manual" })).rejects.toMatchObject({ code: "BILL_NOT_READY" });
    await expect(startReconciliation({ channelAccountId: account.id, billDate: "2026-02-30", trigger: "manual" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const run = await reconcile("2026-03-01");
    expect(run).toMatchObject({ status: "SUCCEEDED", billRows: 0, matched: 0, openDifferences: 0 });
    expect(run.closedAt).not.toBeNull();
    await db.reconRun.update({ where: { id: run.id }, data: { status: "DOWNLOADING" } });
    const refused = await startReconciliation({ channelAccountId: account.id, billDate: "2026-03-01", trigger: "manual" }).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe("RECONCILIATION_IN_PROGRESS");
    expect(refused.status).toBe(409);
    await db.reconRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED" } });
    // a rerun of a finished day reuses its one row
    const again = await reconcile("2026-03-01");
    expect(again.id).toBe(run.id);
    expect(again.attempts).toBe(2);
  });
});

describe("the reconciliation job against the sandbox's WeChat Pay bill", () => {
  it("a clean day: every payment and refund matched, figures on both sides, the day closed", async () => {
    const day = "2026-03-02";
    const a = await payOrder(10_000);
    const b = await payOrder(25_000);
    const refundNo = await refund(a.payOrderNo, 5_000);
    await movePayment(a.attemptNo, at(day, "09:00:00"));
    await movePayment(b.attemptNo, at(day, "12:30:00"));
    await moveRefund(refundNo, at(day, "15:00:00"));

    const run = await reconcile(day);
    expect(run).toMatchObject({
      status: "SUCCEEDED",
      billRows: 3,
      billPaymentCount: 2,
      billPaymentAmount: 35_000n,
      billRefundCount: 1,
      billRefundAmount: -5_000n,
      billFee: 60n + 150n - 30n,
      localPaymentCount: 2,
      localPaymentAmount: 35_000n,
      localRefundCount: 1,
      localRefundAmount: -5_000n,
      localFee: 180n,
      matched: 3,
      missingLocal: 0,
      missingChannel: 0,
      amountMismatch: 0,
      feeMismatch: 0,
      statusMismatch: 0,
      expected: 0,
      openDifferences: 0,
    });
    expect(run.billDigest).toMatch(/^[0-9a-f]{40}$/);
    expect(run.closedAt).not.toBeNull();
    expect(await differencesOf(day)).toEqual([]);
  });

  it("finds each kind of difference, and a rerun changes nothing", async () => {
    const day = "2026-03-03";
    const account = await wechatAccount();
    const sandboxMerchant = await sandboxMerchantFor(DEMO_APP.id, "wechatpay");
    const matched = await payOrder(10_000);
    const notBilled = await payOrder(11_000);
    const wrongAmount = await payOrder(12_000);
    // our contract rate set wrong for one payment: the journal takes 0.38 %, the channel 0.60 %
    await db.channelAccount.update({ where: { id: account.id }, data: { feeRateBps: 38 } });
    const wrongFee = await payOrder(13_000).finally(() => db.channelAccount.update({ where: { id: account.id }, data: { feeRateBps: 60 } }));
    for (const [i, p] of [matched, notBilled, wrongAmount, wrongFee].entries()) await movePayment(p.attemptNo, at(day, `1${i}:00:00`));
    // the channel: never billed one (短款), billed another for 1 fen more, and a trade we never saw (长款)
    await db.sandboxTrade.updateMany({ where: { outTradeNo: notBilled.attemptNo }, data: { state: "CLOSED" } });
    await db.sandboxTrade.updateMany({ where: { outTradeNo: wrongAmount.attemptNo }, data: { amount: 12_001n } });
    const template = await db.sandboxTrade.findFirstOrThrow({ where: { outTradeNo: matched.attemptNo } });
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = template;
    await db.sandboxTrade.create({
      data: { ...copy, outTradeNo: "STRANGER-1", channelTradeNo: `4200${Date.now()}`, amount: 7_700n, paidAt: at(day, "16:00:00"), sandboxMerchantId: sandboxMerchant.id },
    });

    const run = await reconcile(day);
    expect(run).toMatchObject({ status: "SUCCEEDED", billRows: 4, localPaymentCount: 4, matched: 1, missingLocal: 1, missingChannel: 1, amountMismatch: 1, feeMismatch: 1 });
    expect(run.openDifferences).toBe(4);
    expect(run.closedAt).toBeNull();
    const found = await differencesOf(day);
    const byOutNo = Object.fromEntries(found.map((d) => [d.outNo, d]));
    expect(byOutNo["STRANGER-1"]).toMatchObject({ type: "MISSING_LOCAL", status: "OPEN", kind: "payment", channelAmount: 7_700n, channelFee: 46n, journalEntryId: null });
    expect(byOutNo[notBilled.attemptNo]).toMatchObject({ type: "MISSING_CHANNEL", status: "OPEN", localAmount: 11_000n, localFee: 66n, channelAmount: null });
    expect(byOutNo[wrongAmount.attemptNo]).toMatchObject({ type: "AMOUNT_MISMATCH", status: "OPEN", localAmount: 12_000n, channelAmount: 12_001n, payOrderNo: wrongAmount.payOrderNo });
    expect(byOutNo[wrongFee.attemptNo]).toMatchObject({ type: "FEE_MISMATCH", status: "OPEN", localFee: 49n, channelFee: 78n, localAmount: 13_000n, channelAmount: 13_000n });
    expect(found).toHaveLength(4);
    for (const d of found) expect(d).toMatchObject({ runId: run.id, merchantId: account.merchantId, appId: account.appId, channel: "wechatpay", currency: "CNY" });

    // a rerun: the same differences (same rows), the same figures, nothing posted
    const entries = await db.journalEntry.count();
    const rerun = await reconcile(day);
    expect(rerun).toMatchObject({ id: run.id, matched: 1, missingLocal: 1, missingChannel: 1, amountMismatch: 1, feeMismatch: 1, openDifferences: 4 });
    const again = await differencesOf(day);
    expect(again.map((d) => [d.id, d.type, d.status])).toEqual(found.map((d) => [d.id, d.type, d.status]));
    expect(await db.journalEntry.count()).toBe(entries);

    // the finance system reads the day over the Open API, a page at a time
    const read = await env.api(`/api/v1/reconciliations?date=${day}&limit=3`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ date: day, closed: false, runs: [{ runId: run.id, channel: "wechatpay", status: "SUCCEEDED", matched: 1, openDifferences: 4 }] });
    expect(read.json.runs[0].bill).toEqual({ paymentCount: 4, paymentAmount: 10_000 + 12_001 + 13_000 + 7_700, refundCount: 0, refundAmount: 0, fee: 60 + 72 + 78 + 46 });
    expect(read.json.differences).toHaveLength(3);
    const rest = await env.api(`/api/v1/reconciliations?date=${day}&limit=3&after=${read.json.nextCursor}`);
    expect(rest.json.nextCursor).toBeNull();
    const listed = [...read.json.differences, ...rest.json.differences];
    expect(listed.map((d: { differenceId: string }) => d.differenceId).sort()).toEqual(found.map((d) => d.id).sort());
    expect(listed.find((d: { outNo: string }) => d.outNo === wrongAmount.attemptNo)).toMatchObject({
      type: "AMOUNT_MISMATCH", status: "OPEN", channelSide: { amount: 12_001 }, journalSide: { amount: 12_000, fee: 72 },
    });
    const junk = ["2026-03-03%00", "2026-03-03%E0%A4%A", "2026-03-03&limit=abc", "2026-03-03&limit=501", "2026-03-03&after=..%2F..", "2026-03-03&date=2026-03-04", `${"9".repeat(5000)}`];
    for (const bad of ["2026-02-30", "20260303", "", "2026-03-03&limit=0", ...junk]) {
      const refused = await env.api(`/api/v1/reconciliations?date=${bad}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.json.error).toMatchObject({ code: "VALIDATION_FAILED" });
    }
    expect((await env.api(`/api/v1/reconciliations?date=2026-01-01`)).json).toMatchObject({ runs: [], differences: [], closed: false, nextCursor: null });
  });

  it("repairs a lost callback by querying the channel: the order is paid through the callback's path, with its journal entry and event", async () => {
    const day = "2026-03-04";
    // the notification stays lost until the run is over (a notification job retried meanwhile must not deliver it)
    await setFaults(DEMO_APP.id, "wechatpay", { dropNotifications: true });
    let lost;
    let run;
    try {
      lost = await payOrder(20_000, { paid: false });
      await eventually(async () => (await db.sandboxTrade.findFirst({ where: { outTradeNo: lost!.attemptNo, state: "SUCCEEDED" } })) !== null);
      expect((await db.payment.findUniqueOrThrow({ where: { attemptNo: lost.attemptNo } })).status).not.toBe("SUCCEEDED");
      await db.sandboxTrade.updateMany({ where: { outTradeNo: lost.attemptNo }, data: { paidAt: at(day, "11:11:11") } });
      run = await reconcile(day);
    } finally {
      await setFaults(DEMO_APP.id, "wechatpay", {});
    }
    expect(run).toMatchObject({ status: "SUCCEEDED", billRows: 1, localPaymentCount: 0, statusMismatch: 1, repaired: 1, openDifferences: 0 });
    expect(run.closedAt).not.toBeNull();
    const [difference] = await differencesOf(day);
    expect(difference).toMatchObject({ type: "STATUS_MISMATCH", status: "RESOLVED", resolution: "REPAIRED_BY_QUERY", outNo: lost.attemptNo, localAmount: 20_000n });
    expect(difference.journalEntryId).not.toBeNull();
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: lost.payOrderNo } });
    expect(order).toMatchObject({ status: "PAID", paidAttemptNo: lost.attemptNo });
    const [entry] = await expectBalancedJournal(lost.payOrderNo);
    expect(entry).toMatchObject({ kind: "payment", amount: 20_000n, fee: 120n, occurredAt: at(day, "11:11:11") });
    expect(await db.event.count({ where: { payOrderNo: lost.payOrderNo, type: "pay_order.succeeded" } })).toBe(1);

    // the rerun now matches it, and posts nothing twice
    const rerun = await reconcile(day);
    expect(rerun).toMatchObject({ matched: 1, statusMismatch: 0, repaired: 0, openDifferences: 0 });
    expect(await db.journalEntry.count({ where: { payOrderNo: lost.payOrderNo } })).toBe(1);
  });

  it("repairs a refund whose result was lost: the refund settles through its query's path, with its journal entry", async () => {
    const day = "2026-03-08";
    const paid = await payOrder(40_000);
    await movePayment(paid.attemptNo, at(day, "10:00:00"));
    await setFaults(DEMO_APP.id, "wechatpay", { dropNotifications: true });
    let refundNo: string;
    let run;
    try {
      const made = await env.api("/api/v1/refunds", { body: { payOrderNo: paid.payOrderNo, mchRefundNo: `RL${Date.now()}`, amount: 10_000, reason: "lost" } });
      refundNo = made.json.refundNo;
      await eventually(async () => (await db.sandboxRefund.findFirst({ where: { outRefundNo: refundNo, state: "SUCCEEDED" } })) !== null);
      // no status sync before the run: once the refund call has queued it, its job is gone
      await eventually(async () => {
        const [removed] = await db.$queryRaw<{ id: bigint | null }[]>`SELECT id FROM graphile_worker.remove_job(${`sync-refund:${refundNo}`})`;
        return removed?.id != null;
      });
      expect((await db.refund.findUniqueOrThrow({ where: { refundNo } })).status).toBe("PROCESSING");
      await db.sandboxRefund.updateMany({ where: { outRefundNo: refundNo }, data: { succeededAt: at(day, "16:00:00") } });
      run = await reconcile(day);
    } finally {
      await setFaults(DEMO_APP.id, "wechatpay", {});
    }
    expect(run).toMatchObject({ status: "SUCCEEDED", billRows: 2, matched: 1, statusMismatch: 1, repaired: 1, openDifferences: 0 });
    const [difference] = await differencesOf(day);
    expect(difference).toMatchObject({ kind: "refund", outNo: refundNo, type: "STATUS_MISMATCH", status: "RESOLVED", resolution: "REPAIRED_BY_QUERY", localAmount: -10_000n, localFee: -60n });
    expect(await db.refund.findUniqueOrThrow({ where: { refundNo } })).toMatchObject({ status: "SUCCEEDED" });
    const entries = await expectBalancedJournal(paid.payOrderNo);
    expect(entries.find((e) => e.refundNo === refundNo)).toMatchObject({ kind: "refund", amount: -10_000n, occurredAt: at(day, "16:00:00") });
    expect((await reconcile(day))).toMatchObject({ matched: 2, statusMismatch: 0, openDifferences: 0 });
  });

  it("near midnight: a one-sided row waits as EXPECTED; the next day's run matches it (MATCHED_LATER) or opens it", async () => {
    const day = "2026-03-05";
    const next = "2026-03-06";
    // billed at 23:50 on the 5th, in our journal at 00:05 on the 6th
    const late = await payOrder(30_000);
    await movePayment(late.attemptNo, at(day, "23:50:00"), at(next, "00:05:00"));
    // in our journal at 23:55 on the 5th, and the channel never bills it
    const lonely = await payOrder(31_000);
    await movePayment(lonely.attemptNo, at(day, "23:55:00"));
    await db.sandboxTrade.updateMany({ where: { outTradeNo: lonely.attemptNo }, data: { state: "CLOSED" } });

    const first = await reconcile(day);
    expect(first).toMatchObject({ status: "SUCCEEDED", billRows: 1, localPaymentCount: 1, matched: 0, expected: 2, missingLocal: 0, missingChannel: 0, openDifferences: 2 });
    expect(first.closedAt).toBeNull();
    expect((await differencesOf(day)).map((d) => [d.outNo, d.type, d.status])).toEqual(
      [
        [late.attemptNo, "MISSING_LOCAL", "EXPECTED"],
        [lonely.attemptNo, "MISSING_CHANNEL", "EXPECTED"],
      ].sort((x, y) => x[0].localeCompare(y[0])),
    );

    const second = await reconcile(next);
    expect(second).toMatchObject({ status: "SUCCEEDED", billRows: 0, localPaymentCount: 1, matched: 1, expected: 0, openDifferences: 0 });
    const settled = await db.reconDifference.findFirstOrThrow({ where: { outNo: late.attemptNo } });
    expect(settled).toMatchObject({ status: "RESOLVED", resolution: "MATCHED_LATER" });
    expect((await db.journalEntry.findUniqueOrThrow({ where: { dedupeKey: `payment:${late.attemptNo}` } })).reconBillDate).toEqual(new Date(`${day}T00:00:00Z`));
    const opened = await db.reconDifference.findFirstOrThrow({ where: { outNo: lonely.attemptNo } });
    expect(opened).toMatchObject({ status: "OPEN", type: "MISSING_CHANNEL" });
    expect(await db.reconRun.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ openDifferences: 1 });

    // reruns of both days: the cross-midnight payment now belongs to the 5th and matches there
    const rerunFirst = await reconcile(day);
    expect(rerunFirst).toMatchObject({ matched: 1, localPaymentCount: 2, expected: 0, missingChannel: 1, openDifferences: 1 });
    const rerunSecond = await reconcile(next);
    expect(rerunSecond).toMatchObject({ matched: 0, localPaymentCount: 0, expected: 0, openDifferences: 0 });
    expect(rerunSecond.closedAt).not.toBeNull();
    expect(await db.reconDifference.findFirstOrThrow({ where: { outNo: lonely.attemptNo } })).toMatchObject({ status: "OPEN" });
  });

  it("a channel that cannot answer fails the run for now; the job's retry completes it", async () => {
    const day = "2026-03-07";
    const paid = await payOrder(9_900);
    await movePayment(paid.attemptNo, at(day, "08:00:00"));
    const account = await wechatAccount();
    await setFaults(DEMO_APP.id, "wechatpay", { errorPerMille: 1000 });
    let runId: string;
    try {
      runId = (await startReconciliation({ channelAccountId: account.id, billDate: day, trigger: "manual" })).id;
      const failed = await eventually(async () => {
        const row = await db.reconRun.findUniqueOrThrow({ where: { id: runId } });
        return row.status === "FAILED" && row;
      });
      expect(failed).toMatchObject({ errorCode: "CHANNEL_UNAVAILABLE", attempts: 1, closedAt: null });
      expect(failed.errorMessage).toBeTruthy();
    } finally {
      await setFaults(DEMO_APP.id, "wechatpay", {});
    }
    const done = await eventually(async () => {
      const row = await db.reconRun.findUniqueOrThrow({ where: { id: runId } });
      return row.status === "SUCCEEDED" && row;
    }, 25_000);
    expect(done).toMatchObject({ attempts: 2, errorCode: null, errorMessage: null, matched: 1, openDifferences: 0 });
  });

  it("the hourly schedule starts yesterday's run once for accounts whose hour has come", async () => {
    const account = await wechatAccount();
    const nine = new Date(`2026-03-10T09:30:00+08:00`);
    const ten = new Date(`2026-03-10T10:30:00+08:00`);
    await db.channelAccount.updateMany({ where: { id: { not: account.id } }, data: { reconEnabled: false } });
    // an account added after the bill day is not reconciled for it: no trades, no bill
    expect(await scheduleReconciliations(ten)).toEqual([]);
    await db.channelAccount.update({ where: { id: account.id }, data: { createdAt: new Date("2026-03-01T00:00:00+08:00") } });
    expect(await scheduleReconciliations(nine)).toEqual([]);
    const started = await scheduleReconciliations(ten);
    expect(started).toHaveLength(1);
    const run = await db.reconRun.findUniqueOrThrow({ where: { id: started[0] } });
    expect(run).toMatchObject({ channelAccountId: account.id, trigger: "schedule", billDate: new Date(`${defaultBillDate(ten)}T00:00:00Z`) });
    expect(await scheduleReconciliations(ten)).toEqual([]);
    await eventually(async () => (await db.reconRun.findUniqueOrThrow({ where: { id: run.id } })).status === "SUCCEEDED");
  });
});
