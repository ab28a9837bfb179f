import { expect } from "vitest";
import { db } from "@/server/db";
import { openSandboxKeys } from "@/server/sandbox/keys";
import { sandboxChannel } from "@/server/sandbox/registry";
import type { SandboxFaults } from "@/server/sandbox/faults";

/** Waits until `check` returns a truthy value (jobs and callbacks run asynchronously). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The sandbox merchant behind the app's account for a channel. */
export async function sandboxMerchantFor(appId: string, channel: string) {
  const account = await db.channelAccount.findFirstOrThrow({ where: { appId, channel } });
  return db.sandboxMerchant.findUniqueOrThrow({ where: { channelAccountId: account.id } });
}

export async function setFaults(appId: string, channel: string, faults: Partial<SandboxFaults>) {
  const merchant = await sandboxMerchantFor(appId, channel);
  await db.sandboxMerchant.update({ where: { id: merchant.id }, data: { faults } });
}

/** The sandbox's own, correctly signed payment notification for an attempt (to replay or tamper with). */
export async function sandboxPaymentNotification(appId: string, channel: string, attemptNo: string) {
  const merchant = await sandboxMerchantFor(appId, channel);
  const trade = await db.sandboxTrade.findUniqueOrThrow({ where: { sandboxMerchantId_outTradeNo: { sandboxMerchantId: merchant.id, outTradeNo: attemptNo } } });
  return sandboxChannel(channel).paymentNotification({ merchant, keys: openSandboxKeys(merchant), trade });
}

/** Every journal entry of the order balances, per currency. */
export async function expectBalancedJournal(payOrderNo: string) {
  const entries = await db.journalEntry.findMany({ where: { payOrderNo }, include: { postings: true } });
  for (const entry of entries) {
    expect(entry.postings.reduce((sum, p) => sum + p.amount, 0n), entry.dedupeKey).toBe(0n);
  }
  return entries;
}

/** The sandbox's own, correctly signed refund notification for a refund it holds (WeChat Pay sends these). */
export async function sandboxRefundNotification(appId: string, channel: string, refundNo: string) {
  const merchant = await sandboxMerchantFor(appId, channel);
  const refund = await db.sandboxRefund.findFirstOrThrow({ where: { outRefundNo: refundNo, trade: { sandboxMerchantId: merchant.id } }, include: { trade: true } });
  const notification = sandboxChannel(channel).refundNotification({ merchant, keys: openSandboxKeys(merchant), trade: refund.trade, refund });
  if (!notification) throw new Error(`${channel} sends no refund notifications`);
  return notification;
}
