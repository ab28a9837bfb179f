import { ChannelRejectedError, ChannelTimeoutError, SPLIT_NOT_FOUND, SPLIT_RETRY_LATER } from "@/server/channels/errors";
import { db } from "@/server/db";
import { parseCurrency } from "@/server/domain/money";
import { nextSplitRetrySeconds, SPLIT_RETRY_SECONDS, splitSyncDelaySeconds } from "@/server/domain/profit-sharing";
import { loadEnv } from "@/server/env";
import { enqueueJob } from "@/server/jobs/enqueue";
import { executeSplit as executeSplitJob, syncSplit as syncSplitJob } from "@/server/jobs/tasks/profit-sharing-jobs";
import { logger } from "@/server/observability/logger";
import { channelForAccount } from "@/server/services/payments/channel-for-account";
import { applySplitResult, failSplit } from "./apply-split-result";

export const reasonOf = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return `${e.code ? `${e.code}: ` : ""}${e.message ?? String(error)}`.slice(0, 500);
};

async function loadSplit(splitNo: string) {
  const split = await db.profitSplit.findUnique({ where: { splitNo }, include: { receivers: { orderBy: { id: "asc" } } } });
  if (!split) return null;
  const payment = await db.payment.findUniqueOrThrow({ where: { attemptNo: split.attemptNo }, select: { channelTradeNo: true } });
  return { split, channelTradeNo: payment.channelTradeNo ?? "" };
}

/**
 * Sends a PENDING split to its channel (job). Our splitNo is the channel's out_order_no, so a retry
 * after a lost answer cannot split twice.
 * - answered → applied (receivers' results, or a status sync while they are pending);
 * - "too early" (SPLIT_RETRY_LATER) → retried with backoff, never failed for it;
 * - no definitive answer (down, 5xx, timeout) → retried with backoff; when the tries are used up →
 *   FAILED, unless the last call may have reached the channel (timeout), then it is queried;
 * - refused (a business "no") → FAILED with the channel's reason, the reservation released.
 */
export async function executeSplit(splitNo: string): Promise<void> {
  const loaded = await loadSplit(splitNo);
  if (!loaded || loaded.split.status !== "PENDING") return;
  const { split, channelTradeNo } = loaded;
  const { plugin, ctx } = await channelForAccount(split.channelAccountId);
  if (!plugin.profitSharing) {
    await failSplit(splitNo, "UNSUPPORTED", "the channel has no profit sharing");
    return;
  }
  let result;
  try {
    result = await plugin.profitSharing.split(ctx, {
      outTradeNo: split.attemptNo,
      channelTradeNo,
      outOrderNo: split.splitNo,
      receivers: split.receivers.map((r) => ({ type: r.type, account: r.account, name: r.name ?? undefined, amount: r.amount, description: r.description })),
      finish: split.finish,
      currency: parseCurrency(split.currency),
    });
  } catch (error) {
    if (error instanceof ChannelRejectedError && error.code !== SPLIT_RETRY_LATER) {
      await failSplit(splitNo, error.code ?? "CHANNEL_REJECTED", reasonOf(error));
      return;
    }
    await retryLater(splitNo, split.attempts, error);
    return;
  }
  await applySplitResult(splitNo, result);
}

async function retryLater(splitNo: string, attempts: number, error: unknown): Promise<void> {
  const code = error instanceof ChannelTimeoutError ? "CHANNEL_TIMEOUT" : ((error as { code?: string }).code ?? "CHANNEL_UNAVAILABLE");
  // "Too early" is never a failure: past the schedule it is tried again at its last step.
  const tooEarly = error instanceof ChannelRejectedError && error.code === SPLIT_RETRY_LATER;
  const seconds = nextSplitRetrySeconds(attempts) ?? (tooEarly ? SPLIT_RETRY_SECONDS[SPLIT_RETRY_SECONDS.length - 1] : null);
  logger.warn({ err: error, splitNo, attempts, nextInSeconds: seconds }, "split call failed");
  if (seconds === null) {
    if (error instanceof ChannelTimeoutError) {
      await db.$transaction((tx) => enqueueJob(tx, syncSplitJob, { splitNo, round: 0 }, { jobKey: `sync-split:${splitNo}`, queueName: "profit-sharing" }));
      return;
    }
    await failSplit(splitNo, code, reasonOf(error));
    return;
  }
  const runAt = new Date(Date.now() + seconds * 1000 * loadEnv().PROFIT_SHARING_RETRY_TIME_SCALE);
  await db.$transaction(async (tx) => {
    const claimed = await tx.profitSplit.updateMany({
      where: { splitNo, status: "PENDING", attempts },
      data: { attempts: attempts + 1, failureCode: code.slice(0, 64), failureMessage: reasonOf(error) },
    });
    if (claimed.count === 1) await enqueueJob(tx, executeSplitJob, { splitNo }, { runAt, jobKey: `execute-split:${splitNo}`, queueName: "profit-sharing" });
  });
}

/**
 * Queries a split whose receivers' results are pending (or whose call timed out). A channel that
 * never got a PENDING split's call (SPLIT_NOT_FOUND) → sent again; still pending → queried later.
 */
export async function syncSplit({ splitNo, round }: { splitNo: string; round: number }): Promise<void> {
  const loaded = await loadSplit(splitNo);
  if (!loaded || (loaded.split.status !== "PENDING" && loaded.split.status !== "PROCESSING")) return;
  const { split, channelTradeNo } = loaded;
  const { plugin, ctx } = await channelForAccount(split.channelAccountId);
  if (!plugin.profitSharing) return;
  let result;
  try {
    result = await plugin.profitSharing.querySplit(ctx, { outOrderNo: splitNo, outTradeNo: split.attemptNo, channelTradeNo });
  } catch (error) {
    if (error instanceof ChannelRejectedError && error.code === SPLIT_NOT_FOUND && split.status === "PENDING") {
      await db.$transaction((tx) => enqueueJob(tx, executeSplitJob, { splitNo }, { jobKey: `execute-split:${splitNo}`, queueName: "profit-sharing" }));
      return;
    }
    logger.warn({ err: error, splitNo, round }, "split query failed");
    await again(splitNo, round);
    return;
  }
  await applySplitResult(splitNo, result);
  const after = await db.profitSplit.findUnique({ where: { splitNo }, select: { status: true } });
  if (after?.status === "PROCESSING" || after?.status === "PENDING") await again(splitNo, round);
}

async function again(splitNo: string, round: number) {
  const runAt = new Date(Date.now() + splitSyncDelaySeconds(round + 1) * 1000 * loadEnv().PROFIT_SHARING_RETRY_TIME_SCALE);
  await db.$transaction((tx) => enqueueJob(tx, syncSplitJob, { splitNo, round: round + 1 }, { runAt, jobKey: `sync-split:${splitNo}`, queueName: "profit-sharing" }));
}
