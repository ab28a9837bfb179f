import { channelPlugin } from "../server/channels/registry.ts";
import { db } from "../server/db.ts";
import type { ChannelCode } from "../server/domain/channel-codes.ts";
import { newPayOrderNo } from "../server/domain/ids.ts";
import { defaultBillDate, shiftDate } from "../server/domain/reconciliation.ts";
import type { JournalEntry } from "../server/generated/prisma/client.ts";
import { type BillEdit, parseFaults } from "../server/sandbox/faults.ts";
import { applyTradeResult } from "../server/services/payments/apply-trade-result.ts";
import { channelForAccount } from "../server/services/payments/channel-for-account.ts";
import { startReconciliation } from "../server/services/reconciliation/start-run.ts";

/** A UTC instant from a Beijing wall clock on a bill day. */
const beijing = (billDate: string, time: string) => new Date(`${billDate}T${time}:00+08:00`);

/** One paid order of the demo app, settled through the callback's own code path (journal entry, ledger row, rollup). */
async function paidOrder(app: { id: string; merchantId: string }, account: { id: string; channel: string }, amount: number, at: Date, subject: string) {
  const payOrderNo = newPayOrderNo(at);
  const attemptNo = `${payOrderNo}-1`;
  await db.payOrder.create({
    data: {
      payOrderNo,
      merchantId: app.merchantId,
      appId: app.id,
      mchOrderNo: `DEMO-RECON-${payOrderNo.slice(-8)}`,
      amount: BigInt(amount),
      currency: "CNY",
      subject,
      expireInSeconds: 1800,
      expiresAt: new Date(at.getTime() + 1_800_000),
      paramsHash: "demo-reconciliation",
      createdAt: at,
    },
  });
  await db.payment.create({
    data: {
      attemptNo,
      payOrderNo,
      seq: 1,
      merchantId: app.merchantId,
      appId: app.id,
      channelAccountId: account.id,
      channel: account.channel,
      mode: channelPlugin(account.channel as ChannelCode).modes[0],
      amount: BigInt(amount),
      currency: "CNY",
      status: "PROCESSING",
      paramsHash: "demo-reconciliation",
      createdAt: at,
    },
  });
  // the time and 3 random characters: accounts of several channels paid in the same second stay apart (21 characters, UnionPay's queryId)
  const channelTradeNo = `4200${payOrderNo.slice(1, 15)}${payOrderNo.slice(-3)}`;
  await applyTradeResult(attemptNo, { state: "SUCCEEDED", channelTradeNo, paidAt: new Date(at.getTime() + 40_000) });
  return db.journalEntry.findFirstOrThrow({ where: { attemptNo, kind: "payment" } });
}

/** The sandbox's side of a paid order: the channel's trade, paid at the same instant, same numbers. */
async function channelTrade(account: { id: string; channel: string }, entry: JournalEntry, subject: string) {
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { channelAccountId: account.id } });
  const { ctx } = await channelForAccount(account.id);
  const credentials = ctx.credentials as { appid?: string; appId?: string };
  await db.sandboxTrade.create({
    data: {
      sandboxMerchantId: merchant.id,
      channel: account.channel,
      outTradeNo: entry.attemptNo as string,
      channelTradeNo: entry.channelTradeNo as string,
      channelAppId: credentials.appid ?? credentials.appId ?? "",
      tradeType: account.channel === "wechatpay" ? "native" : "precreate",
      amount: entry.amount,
      currency: "CNY",
      subject,
      notifyUrl: "",
      state: "SUCCEEDED",
      expiresAt: new Date(entry.occurredAt.getTime() + 1_800_000),
      paidAt: entry.occurredAt,
      payerId: "sandbox-payer",
      createdAt: new Date(entry.occurredAt.getTime() - 40_000),
    },
  });
}

/** Adds a bill edit to the sandbox merchant of an account (its faults, as the console edits them). */
async function addBillEdit(channelAccountId: string, edit: BillEdit) {
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { channelAccountId } });
  const faults = parseFaults(merchant.faults);
  await db.sandboxMerchant.update({ where: { id: merchant.id }, data: { faults: { ...faults, billEdits: [...faults.billEdits, edit] } } });
}

/**
 * The runs wait this long in the queue: the seed runs before the app (and its worker) starts, and the
 * job downloads the bill from the app's own sandbox over HTTP. Should the server still not listen, the
 * job fails with ChannelUnavailable and graphile-worker retries it after e¹ ≈ 3 s, e² ≈ 7 s, e³ ≈ 20 s….
 */
const SEED_RUN_DELAY_MS = 3_000;

/**
 * The demo's reconciliation (对账), real end to end: yesterday's (Beijing) demo payments exist on both
 * sides — paid through the callback's own code path (journal entry, ledger row, rollup) and as paid
 * trades in the sandbox channel's books — and the WeChat Pay sandbox merchant bills one fen more fee on
 * one payment (a `fee` bill edit). Yesterday and two quiet days before it (without trades) are then reconciled for real:
 * the runs are queued and the worker, started with the app, downloads each bill from the sandbox over
 * HTTP and matches it. Alipay's day closes; WeChat Pay's waits for finance with one FEE_MISMATCH.
 */
export async function seedDemoReconciliation(app: { id: string; merchantId: string }, now = new Date()): Promise<void> {
  const billDate = defaultBillDate(now);
  const accounts = await db.channelAccount.findMany({ where: { appId: app.id }, orderBy: { createdAt: "asc" } });
  for (const account of accounts) {
    const trades =
      account.channel === "wechatpay"
        ? [
            { amount: 8_800, time: "10:15", subject: "年卡续费" },
            { amount: 12_900, time: "14:42", subject: "保洁服务" },
            { amount: 3_500, time: "20:06", subject: "停车月票" },
          ]
        : [{ amount: 5_000, time: "11:30", subject: "物业费" }];
    const entries: JournalEntry[] = [];
    for (const trade of trades) {
      const entry = await paidOrder(app, account, trade.amount, beijing(billDate, trade.time), trade.subject);
      await channelTrade(account, entry, trade.subject);
      entries.push(entry);
    }
    if (account.channel === "wechatpay") await addBillEdit(account.id, { type: "fee", outNo: entries[1].attemptNo as string, delta: 1 });
  }
  const runAt = new Date(Date.now() + SEED_RUN_DELAY_MS);
  for (const day of [billDate, shiftDate(billDate, -2), shiftDate(billDate, -3)]) {
    for (const account of accounts) await startReconciliation({ channelAccountId: account.id, billDate: day, trigger: "schedule", runAt });
  }
}
