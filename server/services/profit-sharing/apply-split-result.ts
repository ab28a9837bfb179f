import type { SplitResult } from "@/server/channels/types";
import { db, type Tx } from "@/server/db";
import { profitSharePostings, storeIdFrom } from "@/server/domain/ledger";
import { splitSyncDelaySeconds } from "@/server/domain/profit-sharing";
import { loadEnv } from "@/server/env";
import type { ProfitSplit, ProfitSplitReceiver } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { syncSplit } from "@/server/jobs/tasks/profit-sharing-jobs";
import { postJournalEntry } from "@/server/services/ledger/post-journal-entry";

/** Locks a split row (so its results are applied once, whoever answers first: the call or a query). */
async function lockSplit(tx: Tx, splitNo: string) {
  await tx.$queryRaw`SELECT 1 FROM "ProfitSplit" WHERE "splitNo" = ${splitNo} FOR UPDATE`;
  return tx.profitSplit.findUnique({ where: { splitNo }, include: { receivers: { orderBy: { id: "asc" } } } });
}

/** Gives a split's reserved amount back to the pay order (a receiver CLOSED, or the split FAILED). */
async function release(tx: Tx, split: ProfitSplit, amount: bigint, reopen: boolean) {
  if (amount <= 0n && !reopen) return;
  await tx.$executeRaw`
    UPDATE "PayOrder" SET "splitAmount" = "splitAmount" - ${amount},
      "splitFinishedAt" = CASE WHEN ${reopen} THEN NULL ELSE "splitFinishedAt" END, "updatedAt" = now()
    WHERE "payOrderNo" = ${split.payOrderNo}`;
}

/** The journal entry of one receiver's SUCCESS: merchant payable → profit share payable. */
async function postShare(tx: Tx, split: ProfitSplit, line: ProfitSplitReceiver, at: Date) {
  const [order, payment] = await Promise.all([
    tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: split.payOrderNo }, select: { mchOrderNo: true, metadata: true, status: true, channelTradeNo: true } }),
    tx.payment.findUniqueOrThrow({ where: { attemptNo: split.attemptNo }, select: { mode: true, channelTradeNo: true } }),
  ]);
  await postJournalEntry(tx, {
    merchantId: split.merchantId,
    appId: split.appId,
    kind: "profit_share",
    dedupeKey: `profit_share:${split.splitNo}:${line.id}`,
    currency: split.currency,
    channelAccountId: split.channelAccountId,
    payOrderNo: split.payOrderNo,
    attemptNo: split.attemptNo,
    memo: `split ${split.splitNo} to ${line.type}:${line.account}`.slice(0, 200),
    occurredAt: at,
    postings: profitSharePostings("split", line.amount),
    row: {
      channel: split.channel,
      mode: payment.mode,
      amount: -line.amount,
      fee: 0n,
      subsidy: 0n,
      mchOrderNo: order.mchOrderNo,
      channelTradeNo: payment.channelTradeNo ?? order.channelTradeNo,
      storeId: storeIdFrom(order.metadata),
      orderStatus: order.status,
    },
  });
}

/**
 * Applies what the channel says about a split, exactly once per receiver: SUCCESS → the receiver's
 * journal entry; CLOSED → its amount goes back to the pay order. The split is FINISHED when every
 * receiver has its result; until then a sync job queries it.
 */
export async function applySplitResult(splitNo: string, result: SplitResult): Promise<void> {
  await db.$transaction(async (tx) => {
    const split = await lockSplit(tx, splitNo);
    if (!split || split.status === "FINISHED" || split.status === "FAILED") return;
    let released = 0n;
    let pending = 0;
    const used = new Set<number>();
    for (const line of split.receivers) {
      const index = result.receivers.findIndex((r, i) => !used.has(i) && r.type === line.type && r.account === line.account && r.amount === line.amount);
      const answer = index >= 0 ? result.receivers[index] : undefined;
      if (index >= 0) used.add(index);
      if (line.result !== "PENDING") continue;
      if (!answer || answer.result === "PENDING") {
        pending++;
        continue;
      }
      const at = answer.finishedAt ?? new Date();
      const changed = await tx.profitSplitReceiver.updateMany({
        where: { id: line.id, result: "PENDING" },
        data: { result: answer.result, failReason: answer.failReason?.slice(0, 200) ?? null, detailId: answer.detailId ?? null, finishedAt: at },
      });
      if (changed.count !== 1) continue;
      if (answer.result === "SUCCESS") await postShare(tx, split, line, at);
      else released += line.amount;
    }
    // A receiver the channel did not list is still pending there: the query will tell.
    const finished = pending === 0 && result.state === "FINISHED";
    await release(tx, split, released, false);
    await tx.profitSplit.update({
      where: { splitNo },
      data: {
        status: finished ? "FINISHED" : "PROCESSING",
        channelOrderId: result.channelOrderId ?? split.channelOrderId,
        finishedAt: finished ? new Date() : null,
        failureCode: null,
        failureMessage: null,
      },
    });
    if (!finished && split.status === "PENDING") {
      const runAt = new Date(Date.now() + splitSyncDelaySeconds(0) * 1000 * loadEnv().PROFIT_SHARING_RETRY_TIME_SCALE);
      await enqueueJob(tx, syncSplit, { splitNo, round: 0 }, { runAt, jobKey: `sync-split:${splitNo}`, queueName: "profit-sharing" });
    }
  });
}

/**
 * A split the channel refused (a business "no") or that could not be sent: FAILED with the reason, its
 * reserved amount back on the pay order (and, for a finishing split, the order open to splits again).
 */
export async function failSplit(splitNo: string, code: string, message: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const split = await lockSplit(tx, splitNo);
    if (!split || (split.status !== "PENDING" && split.status !== "PROCESSING")) return;
    const open = split.receivers.filter((r) => r.result === "PENDING");
    await tx.profitSplitReceiver.updateMany({ where: { splitNo, result: "PENDING" }, data: { result: "CLOSED", failReason: code.slice(0, 200), finishedAt: new Date() } });
    await release(tx, split, open.reduce((sum, r) => sum + r.amount, 0n), split.finish);
    await tx.profitSplit.update({
      where: { splitNo },
      data: { status: "FAILED", failureCode: code.slice(0, 64), failureMessage: message.slice(0, 500), finishedAt: new Date() },
    });
  });
}
