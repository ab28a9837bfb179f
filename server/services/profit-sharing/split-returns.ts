import { channelPlugin } from "@/server/channels/registry";
import { ChannelRejectedError, SPLIT_NOT_FOUND, SPLIT_RETRY_LATER } from "@/server/channels/errors";
import type { SplitReturnResult } from "@/server/channels/types";
import { db, type Tx } from "@/server/db";
import { newSplitReturnNo } from "@/server/domain/ids";
import { profitSharePostings, storeIdFrom } from "@/server/domain/ledger";
import { parseCurrency } from "@/server/domain/money";
import { planReturns, returnNeeded, splitSyncDelaySeconds } from "@/server/domain/profit-sharing";
import { loadEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import type { ProfitShareReturn } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { executeRefund as executeRefundJob } from "@/server/jobs/tasks/payment-jobs";
import { syncSplitReturn as syncSplitReturnJob } from "@/server/jobs/tasks/profit-sharing-jobs";
import { logger } from "@/server/observability/logger";
import { postJournalEntry } from "@/server/services/ledger/post-journal-entry";
import { channelForAccount } from "@/server/services/payments/channel-for-account";
import { applyRefundResult } from "@/server/services/refunds/apply-refund-result";

export const WAITING_SPLIT_RETURN = "WAITING_SPLIT_RETURN";

const reasonOf = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return `${e.code ? `${e.code}: ` : ""}${e.message ?? String(error)}`.slice(0, 500);
};

/**
 * At refund creation (in its transaction, after the amount is reserved): a refund that needs split
 * money back at a channel without a return API (Alipay) is refused, 409 REFUND_EXCEEDS_UNSPLIT.
 */
export async function assertRefundCoverable(tx: Tx, payOrderNo: string, refundAmount: bigint): Promise<void> {
  const order = await tx.payOrder.findUniqueOrThrow({
    where: { payOrderNo },
    select: { paidAmount: true, refundedAmount: true, refundingAmount: true, splitAmount: true, paidAttemptNo: true },
  });
  if (order.splitAmount <= 0n || !order.paidAttemptNo) return;
  // refundingAmount already holds this refund: the others in flight count as refunded.
  const needed = returnNeeded({ ...order, refundedAmount: order.refundedAmount + order.refundingAmount - refundAmount }, refundAmount);
  if (needed <= 0n) return;
  const payment = await tx.payment.findUniqueOrThrow({ where: { attemptNo: order.paidAttemptNo }, select: { channel: true } });
  if (!channelPlugin(payment.channel).profitSharing?.returnSplit) {
    throw new AppError("REFUND_EXCEEDS_UNSPLIT", "the refund exceeds the money not split to receivers, and this channel cannot return splits", { field: "amount" });
  }
}

/**
 * Before a merchant refund goes to the channel (executeRefund): when it exceeds what is still the
 * merchant's at the channel (paid − refunded − other refunds in flight − split), returns (分账回退)
 * the shortfall from receivers whose split SUCCEEDED, largest first, and answers true: the refund
 * waits (failureCode WAITING_SPLIT_RETURN) until every return SUCCEEDED, then is sent again; a
 * FAILED return fails the refund. False: nothing to return, send the refund.
 */
export async function returnSplitsBeforeRefund(refundNo: string): Promise<boolean> {
  const created = await db.$transaction(async (tx) => {
    const head = await tx.refund.findUnique({ where: { refundNo }, select: { payOrderNo: true } });
    if (!head) return null;
    await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${head.payOrderNo} FOR UPDATE`;
    const refund = await tx.refund.findUniqueOrThrow({ where: { refundNo } });
    const order = await tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: refund.payOrderNo } });
    if (refund.status !== "PROCESSING" || refund.kind !== "MERCHANT" || refund.attemptNo !== order.paidAttemptNo) return null;
    const open = await tx.profitShareReturn.findMany({ where: { refundNo, status: "PROCESSING" } });
    if (open.length > 0) return { wait: true, returns: [] as ProfitShareReturn[] };
    const needed = returnNeeded({ ...order, refundedAmount: order.refundedAmount + order.refundingAmount - refund.amount }, refund.amount);
    if (needed <= 0n) return null;

    const lines = await tx.profitSplitReceiver.findMany({
      where: { result: "SUCCESS", split: { payOrderNo: order.payOrderNo } },
      include: { split: { select: { splitNo: true, channelOrderId: true } } },
    });
    const inFlight = await tx.profitShareReturn.groupBy({ by: ["splitReceiverId"], where: { payOrderNo: order.payOrderNo, status: "PROCESSING" }, _sum: { amount: true } });
    const busy = new Map(inFlight.map((g) => [g.splitReceiverId, g._sum.amount ?? 0n]));
    const plan = planReturns(
      lines.map((l) => ({ ...l, remaining: l.amount - l.returnedAmount - (busy.get(l.id) ?? 0n) })),
      needed,
    );
    const returns: ProfitShareReturn[] = [];
    for (const { part, amount } of plan) {
      returns.push(
        await tx.profitShareReturn.create({
          data: {
            returnNo: newSplitReturnNo(),
            merchantId: order.merchantId,
            appId: order.appId,
            payOrderNo: order.payOrderNo,
            splitNo: part.splitNo,
            splitReceiverId: part.id,
            refundNo,
            amount,
            currency: order.currency,
          },
        }),
      );
    }
    if (returns.length === 0) return null;
    await tx.refund.update({ where: { refundNo }, data: { failureCode: WAITING_SPLIT_RETURN, failureMessage: "returning split money from receivers first" } });
    return { wait: true, returns };
  });
  if (!created) return false;
  for (const r of created.returns) await sendReturn(r.returnNo);
  return created.wait;
}

async function loadReturn(returnNo: string) {
  const ret = await db.profitShareReturn.findUnique({ where: { returnNo } });
  if (!ret) return null;
  const [line, split] = await Promise.all([
    db.profitSplitReceiver.findUniqueOrThrow({ where: { id: ret.splitReceiverId } }),
    db.profitSplit.findUniqueOrThrow({ where: { splitNo: ret.splitNo } }),
  ]);
  return { ret, line, split };
}

/** Sends one PROCESSING return to its channel and applies the answer (no answer → queried later). */
export async function sendReturn(returnNo: string): Promise<void> {
  const loaded = await loadReturn(returnNo);
  if (!loaded || loaded.ret.status !== "PROCESSING") return;
  const { ret, line, split } = loaded;
  const { plugin, ctx } = await channelForAccount(split.channelAccountId);
  const returnSplit = plugin.profitSharing?.returnSplit;
  if (!returnSplit) {
    await applyReturnResult(returnNo, { state: "FAILED", failReason: "the channel cannot return splits" });
    return;
  }
  let result: SplitReturnResult;
  try {
    result = await returnSplit.call(plugin.profitSharing, ctx, {
      outOrderNo: split.splitNo,
      channelOrderId: split.channelOrderId ?? undefined,
      outReturnNo: ret.returnNo,
      receiver: { type: line.type, account: line.account },
      amount: ret.amount,
      description: "退款前分账回退",
      currency: parseCurrency(ret.currency),
    });
  } catch (error) {
    if (error instanceof ChannelRejectedError && error.code !== SPLIT_RETRY_LATER) {
      await applyReturnResult(returnNo, { state: "FAILED", failReason: reasonOf(error) });
      return;
    }
    logger.warn({ err: error, returnNo }, "split return call failed");
    await scheduleSync(returnNo, 0);
    return;
  }
  await applyReturnResult(returnNo, result);
}

async function scheduleSync(returnNo: string, round: number) {
  const runAt = new Date(Date.now() + splitSyncDelaySeconds(round) * 1000 * loadEnv().PROFIT_SHARING_RETRY_TIME_SCALE);
  await db.$transaction((tx) => enqueueJob(tx, syncSplitReturnJob, { returnNo, round }, { runAt, jobKey: `sync-split-return:${returnNo}`, queueName: "profit-sharing" }));
}

/** Queries a PROCESSING return; one the channel never got is sent again. */
export async function syncSplitReturn({ returnNo, round }: { returnNo: string; round: number }): Promise<void> {
  const loaded = await loadReturn(returnNo);
  if (!loaded || loaded.ret.status !== "PROCESSING") return;
  const { plugin, ctx } = await channelForAccount(loaded.split.channelAccountId);
  const queryReturn = plugin.profitSharing?.queryReturn;
  if (!queryReturn) {
    await sendReturn(returnNo);
    return;
  }
  let result: SplitReturnResult;
  try {
    result = await queryReturn.call(plugin.profitSharing, ctx, { outReturnNo: returnNo, outOrderNo: loaded.split.splitNo });
  } catch (error) {
    if (error instanceof ChannelRejectedError && error.code === SPLIT_NOT_FOUND) {
      await sendReturn(returnNo);
      return;
    }
    logger.warn({ err: error, returnNo, round }, "split return query failed");
    await scheduleSync(returnNo, round + 1);
    return;
  }
  await applyReturnResult(returnNo, result);
  const after = await db.profitShareReturn.findUnique({ where: { returnNo }, select: { status: true } });
  if (after?.status === "PROCESSING") await scheduleSync(returnNo, round + 1);
}

/**
 * Applies a return's result once: SUCCEEDED → the profit_share_return entry (profit share payable →
 * merchant payable), the pay order's splitAmount and the receiver line's returnedAmount; when every
 * return of the refund has SUCCEEDED the refund is sent again. FAILED → the refund FAILED with the
 * reason. PROCESSING → queried later.
 */
export async function applyReturnResult(returnNo: string, result: SplitReturnResult): Promise<void> {
  if (result.state === "PROCESSING") {
    await scheduleSync(returnNo, 0);
    return;
  }
  const failedRefund = await db.$transaction(async (tx) => {
    const head = await tx.profitShareReturn.findUnique({ where: { returnNo }, select: { payOrderNo: true } });
    if (!head) return null;
    await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${head.payOrderNo} FOR UPDATE`;
    const ret = await tx.profitShareReturn.findUniqueOrThrow({ where: { returnNo } });
    if (ret.status !== "PROCESSING") return null;
    const at = result.finishedAt ?? new Date();
    if (result.state === "FAILED") {
      await tx.profitShareReturn.update({
        where: { returnNo },
        data: { status: "FAILED", failReason: (result.failReason ?? "the channel refused the return").slice(0, 500), channelReturnId: result.channelReturnId, finishedAt: at },
      });
      return ret.refundNo ? { refundNo: ret.refundNo, reason: result.failReason ?? "the channel refused the return" } : null;
    }
    await tx.profitShareReturn.update({ where: { returnNo }, data: { status: "SUCCEEDED", channelReturnId: result.channelReturnId, finishedAt: at } });
    await tx.profitSplitReceiver.update({ where: { id: ret.splitReceiverId }, data: { returnedAmount: { increment: ret.amount } } });
    const order = await tx.payOrder.update({ where: { payOrderNo: ret.payOrderNo }, data: { splitAmount: { decrement: ret.amount } } });
    const split = await tx.profitSplit.findUniqueOrThrow({ where: { splitNo: ret.splitNo } });
    const payment = await tx.payment.findUniqueOrThrow({ where: { attemptNo: split.attemptNo }, select: { mode: true, channelTradeNo: true } });
    await postJournalEntry(tx, {
      merchantId: ret.merchantId,
      appId: ret.appId,
      kind: "profit_share_return",
      dedupeKey: `profit_share_return:${returnNo}`,
      currency: ret.currency,
      channelAccountId: split.channelAccountId,
      payOrderNo: ret.payOrderNo,
      attemptNo: split.attemptNo,
      refundNo: ret.refundNo ?? undefined,
      memo: `return ${returnNo} of split ${split.splitNo}`,
      occurredAt: at,
      postings: profitSharePostings("return", ret.amount),
      row: {
        channel: split.channel,
        mode: payment.mode,
        amount: ret.amount,
        fee: 0n,
        subsidy: 0n,
        mchOrderNo: order.mchOrderNo,
        channelTradeNo: payment.channelTradeNo ?? order.channelTradeNo,
        storeId: storeIdFrom(order.metadata),
        orderStatus: order.status,
      },
    });
    if (ret.refundNo) {
      const others = await tx.profitShareReturn.count({ where: { refundNo: ret.refundNo, status: { not: "SUCCEEDED" } } });
      if (others === 0) await enqueueJob(tx, executeRefundJob, { refundNo: ret.refundNo }, { jobKey: `execute-refund:${ret.refundNo}` });
    }
    return null;
  });
  if (failedRefund) {
    await applyRefundResult(failedRefund.refundNo, { state: "FAILED", failureCode: "SPLIT_RETURN_FAILED", failureReason: `split return failed: ${failedRefund.reason}`.slice(0, 500) });
  }
}
