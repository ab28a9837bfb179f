import { channelPlugin } from "../server/channels/registry.ts";
import { db } from "../server/db.ts";
import type { ChannelCode } from "../server/domain/channel-codes.ts";
import { newPayOrderNo } from "../server/domain/ids.ts";
import { defaultBillDate, shiftDate } from "../server/domain/reconciliation.ts";
import { applyTradeResult } from "../server/services/payments/apply-trade-result.ts";

/** A UTC instant from a Beijing wall clock on a bill day. */
const beijing = (billDate: string, time: string) => new Date(`${billDate}T${time}:00+08:00`);
const dateColumn = (billDate: string) => new Date(`${billDate}T00:00:00Z`);

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
  await applyTradeResult(attemptNo, { state: "SUCCEEDED", channelTradeNo: `4200${payOrderNo.slice(1, 15)}`, paidAt: new Date(at.getTime() + 40_000) });
  return db.journalEntry.findFirstOrThrow({ where: { attemptNo, kind: "payment" } });
}

/**
 * The demo's reconciliation (对账): yesterday (Beijing) reconciled for both sandbox channel accounts of
 * the demo app. The Alipay day matched and closed; on WeChat Pay the channel charged one fen more fee
 * on one payment than the journal has, so that day waits for finance with one open discrepancy. The
 * two days before are closed days without trades. Rows written as the matcher would leave them.
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
    const entries = [];
    for (const trade of trades) entries.push(await paidOrder(app, account, trade.amount, beijing(billDate, trade.time), trade.subject));
    const amount = entries.reduce((sum, e) => sum + e.amount, 0n);
    const fee = entries.reduce((sum, e) => sum + e.fee, 0n);
    const feeOff = account.channel === "wechatpay" ? entries[1] : null;
    const common = { merchantId: app.merchantId, appId: app.id, channelAccountId: account.id, channel: account.channel, trigger: "schedule", attempts: 1 };
    for (const daysBack of [2, 3]) {
      const quiet = shiftDate(billDate, -daysBack);
      await db.reconRun.create({
        data: { ...common, billDate: dateColumn(quiet), status: "SUCCEEDED", startedAt: beijing(shiftDate(quiet, 1), "10:00"), endedAt: beijing(shiftDate(quiet, 1), "10:00"), closedAt: beijing(shiftDate(quiet, 1), "10:00") },
      });
    }
    const ranAt = beijing(shiftDate(billDate, 1), "10:00");
    const run = await db.reconRun.create({
      data: {
        ...common,
        billDate: dateColumn(billDate),
        status: "SUCCEEDED",
        billDigest: "demo",
        billRows: entries.length,
        billPaymentCount: entries.length,
        billPaymentAmount: amount,
        billFee: fee + (feeOff ? 1n : 0n),
        localPaymentCount: entries.length,
        localPaymentAmount: amount,
        localFee: fee,
        matched: entries.length - (feeOff ? 1 : 0),
        feeMismatch: feeOff ? 1 : 0,
        openDifferences: feeOff ? 1 : 0,
        closedAt: feeOff ? null : ranAt,
        startedAt: ranAt,
        endedAt: new Date(ranAt.getTime() + 4_000),
      },
    });
    if (!feeOff) continue;
    await db.reconDifference.create({
      data: {
        merchantId: app.merchantId,
        appId: app.id,
        channelAccountId: account.id,
        channel: account.channel,
        runId: run.id,
        billDate: dateColumn(billDate),
        type: "FEE_MISMATCH",
        status: "OPEN",
        kind: "payment",
        outNo: feeOff.attemptNo as string,
        outTradeNo: feeOff.attemptNo,
        payOrderNo: feeOff.payOrderNo,
        currency: "CNY",
        channelTradeNo: feeOff.channelTradeNo,
        channelAmount: feeOff.amount,
        channelFee: feeOff.fee + 1n,
        channelState: "SUCCEEDED",
        channelAt: feeOff.occurredAt,
        journalEntryId: feeOff.id,
        localAmount: feeOff.amount,
        localFee: feeOff.fee,
        localState: "SUCCEEDED",
        localAt: feeOff.occurredAt,
      },
    });
  }
}
