import { db, type Tx } from "@/server/db";
import { inTradeTx } from "./trade-tx";
import { paramsHash } from "@/server/domain/params-hash";
import { nextDriveDelaySeconds } from "@/server/domain/trade-states";
import type { Trade, TradePart } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { driveTradeJob } from "@/server/jobs/tasks/trade-jobs";
import { logger } from "@/server/observability/logger";
import { recordEvent } from "@/server/services/events/record-event";
import { lockOrderWithPayOrders } from "@/server/services/orders/order-records";
import { orderPaidBy } from "@/server/services/orders/pay-order-paid";
import { insertRefundInTx } from "@/server/services/refunds/create-refund";
import { faultPoint } from "./fault-points";
import { cancelPart, confirmPart, DeductionShort } from "./trade-parts";
import { addTradeStep } from "./trade-steps";
import { tradeView } from "./trade-view";

type TradeWithParts = Trade & { parts: TradePart[] };

/**
 * The trade coordinator (docs/adr/0015). Drives one trade as far as it can go now, one step per
 * transaction — each part's confirm, cancel or compensation, then the ending — so that a crash between
 * any two steps leaves a state the next run continues from: the drive-trade job (added with the change
 * that calls for it) and the sentinel's sweep run it again until the trade has ended. Every step re-reads
 * the trade under its row lock and checks its status (compare-and-set); every part's operation is fenced.
 */
export async function driveTrade(tradeId: string): Promise<void> {
  try {
    for (let steps = 0; steps < 64; steps++) {
      const trade = await db.trade.findUnique({ where: { tradeId }, include: { parts: { orderBy: { partNo: "asc" } } } });
      if (!trade || trade.endedAt) return;
      if (!(await step(trade))) return;
    }
  } catch (error) {
    await noteFailure(tradeId, error);
    throw error;
  }
}

/** One step; false when the trade waits for something outside (the channel, a refund). */
async function step(trade: TradeWithParts): Promise<boolean> {
  switch (trade.status) {
    case "PENDING":
      return checkPending(trade);
    case "CONFIRMING":
      return confirmStep(trade);
    case "CANCELLING":
      return cancelStep(trade);
    case "COMPENSATING":
      return compensateStep(trade);
    case "FAILED":
      // Reopened: its channel part was paid after it failed, and that payment is on its way back.
      return finishFailed(trade);
    default:
      return false;
  }
}

/** Locks the trade row and checks it is still in `status`; null when another run moved it. */
async function lockTrade(tx: Tx, tradeId: string, status: Trade["status"]): Promise<TradeWithParts | null> {
  await tx.$queryRaw`SELECT 1 FROM "Trade" WHERE "tradeId" = ${tradeId} FOR UPDATE`;
  const trade = await tx.trade.findUniqueOrThrow({ where: { tradeId }, include: { parts: { orderBy: { partNo: "asc" } } } });
  return trade.status === status ? trade : null;
}

/**
 * A trade waiting for its channel part. The payment center moves it (trade-hooks.ts, in the transaction
 * that pays or closes the pay order); this only catches what that left undone, and otherwise tells the
 * sentinel to look again after the pay order's expiry.
 */
async function checkPending(trade: TradeWithParts): Promise<boolean> {
  const payOrder = trade.payOrderNo ? await db.payOrder.findUnique({ where: { payOrderNo: trade.payOrderNo } }) : null;
  if (payOrder && payOrder.status === "PENDING") {
    await db.trade.updateMany({ where: { tradeId: trade.tradeId, status: "PENDING" }, data: { nextDriveAt: new Date(payOrder.expiresAt.getTime() + 60_000) } });
    return false;
  }
  const { tradeChannelPaid, tradeChannelClosed } = await import("./trade-hooks");
  if (!payOrder) return false;
  return inTradeTx(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${payOrder.payOrderNo} FOR UPDATE`;
    const locked = await tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: payOrder.payOrderNo } });
    if (locked.status === "PENDING") return false;
    if (locked.status === "CLOSED") return tradeChannelClosed(tx, locked);
    return tradeChannelPaid(tx, locked, await tx.order.findUnique({ where: { orderNo: trade.orderNo } }) ?? undefined);
  });
}

async function confirmStep(trade: TradeWithParts): Promise<boolean> {
  const next = trade.parts.find((part) => part.instrument !== "channel" && part.status !== "CONFIRMED");
  if (!next) {
    faultPoint("before-finish");
    return finishSucceeded(trade.tradeId);
  }
  faultPoint(trade.parts.some((part) => part.instrument !== "channel" && part.status === "CONFIRMED") ? "between-confirms" : "before-confirm");
  try {
    await inTradeTx(async (tx) => {
      const locked = await lockTrade(tx, trade.tradeId, "CONFIRMING");
      if (!locked) return;
      const part = locked.parts.find((p) => p.partNo === next.partNo)!;
      if (part.status !== "CONFIRMED") await confirmPart(tx, locked, part);
    });
  } catch (error) {
    if (!(error instanceof DeductionShort)) throw error;
    await decideCompensation(trade.tradeId, error.reason);
  }
  return true;
}

/** on_callback: a part could not be deducted → the trade fails; what was deducted goes back, the channel part is refunded. */
async function decideCompensation(tradeId: string, reason: string): Promise<void> {
  await inTradeTx(async (tx) => {
    const moved = await tx.trade.updateMany({ where: { tradeId, status: "CONFIRMING" }, data: { status: "COMPENSATING", failureReason: reason } });
    if (moved.count !== 1) return;
    await addTradeStep(tx, tradeId, "compensating", { detail: reason, ok: false });
    await recordTradeEvent(tx, tradeId, "trade.failed");
  });
}

/** Every part confirmed: the trade SUCCEEDED and the order PAID, in one transaction. */
async function finishSucceeded(tradeId: string): Promise<boolean> {
  await inTradeTx(async (tx) => {
    const peek = await tx.trade.findUniqueOrThrow({ where: { tradeId }, select: { appId: true, orderNo: true } });
    // The payment center's lock order: the order's pay orders, the order, then the trade.
    const order = await lockOrderWithPayOrders(tx, peek.appId, peek.orderNo);
    const trade = await lockTrade(tx, tradeId, "CONFIRMING");
    if (!trade) return;
    if (trade.parts.some((part) => part.status !== "CONFIRMED")) throw new Error(`trade ${tradeId} finishing with unconfirmed parts`);
    await tx.trade.update({ where: { tradeId }, data: { status: "SUCCEEDED", endedAt: new Date(), lastError: null } });
    await addTradeStep(tx, tradeId, "succeeded");
    const paidAt = (trade.payOrderNo ? (await tx.payOrder.findUnique({ where: { payOrderNo: trade.payOrderNo }, select: { paidAt: true } }))?.paidAt : null) ?? new Date();
    // The money-like parts count now, together (a failed trade's channel payment, refunded, never counts).
    await tx.order.update({ where: { orderNo: order.orderNo }, data: { paidAmount: { increment: trade.pointsAmount + trade.walletAmount + trade.channelAmount } } });
    if (order.status === "PENDING_PAYMENT") await orderPaidBy(tx, order, paidAt);
    else logger.error({ tradeId, orderNo: order.orderNo, status: order.status }, "a trade succeeded on an order that is no longer pending payment");
    await recordTradeEvent(tx, tradeId, "trade.succeeded");
  });
  return true;
}

async function cancelStep(trade: TradeWithParts): Promise<boolean> {
  const next = trade.parts.find((part) => part.instrument !== "channel" && part.status !== "RELEASED");
  if (!next) return finishFailed(trade);
  faultPoint(trade.parts.some((part) => part.instrument !== "channel" && part.status === "RELEASED") ? "between-cancels" : "before-cancel");
  await inTradeTx(async (tx) => {
    const locked = await lockTrade(tx, trade.tradeId, "CANCELLING");
    if (!locked) return;
    const part = locked.parts.find((p) => p.partNo === next.partNo)!;
    if (part.status !== "RELEASED") await cancelPart(tx, locked, part);
  });
  return true;
}

/** Every frozen part released (and a late-paid channel part refunded): the trade FAILED; the order stays payable. */
async function finishFailed(trade: TradeWithParts): Promise<boolean> {
  const channel = trade.parts.find((part) => part.instrument === "channel");
  if (channel?.status === "REFUNDING") return awaitChannelRefund(trade, channel);
  await inTradeTx(async (tx) => {
    const locked = await lockTrade(tx, trade.tradeId, trade.status);
    if (!locked) return;
    await tx.trade.update({ where: { tradeId: trade.tradeId }, data: { status: "FAILED", endedAt: new Date(), lastError: null } });
    if (trade.status === "FAILED") {
      await addTradeStep(tx, trade.tradeId, "late payment refunded");
    } else if (trade.status === "CANCELLING") {
      await addTradeStep(tx, trade.tradeId, "failed", { detail: locked.failureReason ?? undefined, ok: false });
      await recordTradeEvent(tx, trade.tradeId, "trade.failed");
    } else {
      await addTradeStep(tx, trade.tradeId, "compensated");
    }
  });
  return true;
}

async function compensateStep(trade: TradeWithParts): Promise<boolean> {
  const next = trade.parts.find((part) => part.instrument !== "channel" && part.status !== "RELEASED");
  if (next) {
    faultPoint(trade.parts.some((part) => part.instrument !== "channel" && part.status === "RELEASED") ? "between-cancels" : "before-cancel");
    await inTradeTx(async (tx) => {
      const locked = await lockTrade(tx, trade.tradeId, "COMPENSATING");
      if (!locked) return;
      const part = locked.parts.find((p) => p.partNo === next.partNo)!;
      if (part.status !== "RELEASED") await cancelPart(tx, locked, part);
    });
    return true;
  }
  const channel = trade.parts.find((part) => part.instrument === "channel");
  if (channel?.status === "CONFIRMED") {
    await inTradeTx(async (tx) => {
      const locked = await lockTrade(tx, trade.tradeId, "COMPENSATING");
      if (locked) await refundChannelPart(tx, locked, "compensation");
    });
    faultPoint("after-compensation-refund");
    return true;
  }
  return finishFailed(trade);
}

/**
 * The channel part's money goes back in full: an ordinary refund of the payment center, no review (the
 * coordinator decided), `mchRefundNo` `<tradeId>-<why>` so that it is issued once whoever gets here.
 */
export async function refundChannelPart(tx: Tx, trade: Pick<Trade, "tradeId" | "orderNo" | "failureReason">, why: "compensation" | "late"): Promise<void> {
  const part = await tx.tradePart.findFirst({ where: { tradeId: trade.tradeId, instrument: "channel" } });
  if (!part?.payOrderNo || part.status === "REFUNDING" || part.status === "REFUNDED") return;
  await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${part.payOrderNo} FOR UPDATE`;
  const payOrder = await tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: part.payOrderNo } });
  const amount = payOrder.paidAmount - payOrder.refundedAmount - payOrder.refundingAmount;
  const mchRefundNo = `${trade.tradeId}-${why}`;
  const reason = why === "late" ? "trade failed: the channel was paid after the trade ended" : `trade failed: ${trade.failureReason ?? "a part could not be deducted"}`;
  if (amount > 0n) {
    await insertRefundInTx(tx, payOrder, {
      mchRefundNo,
      amount,
      reason: reason.slice(0, 256),
      paramsHash: paramsHash({ payOrderNo: payOrder.payOrderNo, amount, reason: "trade" }),
      needsReview: false,
      orderNo: trade.orderNo,
    });
  }
  await tx.tradePart.update({ where: { tradeId_partNo: { tradeId: trade.tradeId, partNo: part.partNo } }, data: { status: "REFUNDING" } });
  await addTradeStep(tx, trade.tradeId, "channel refund", { partNo: part.partNo, detail: `${amount} (${mchRefundNo})` });
  await enqueueJob(tx, driveTradeJob, { tradeId: trade.tradeId }, { jobKey: `drive-trade:${trade.tradeId}`, runAt: new Date(Date.now() + 5_000) });
}

/** The channel part's refund: REFUNDED once its pay order is refunded in full; until then the trade waits (its job looks again). */
async function awaitChannelRefund(trade: TradeWithParts, channel: TradePart): Promise<boolean> {
  const payOrder = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: channel.payOrderNo! } });
  if (payOrder.status === "REFUNDED") {
    await inTradeTx(async (tx) => {
      const moved = await tx.tradePart.updateMany({ where: { tradeId: trade.tradeId, partNo: channel.partNo, status: "REFUNDING" }, data: { status: "REFUNDED", refundedAmount: channel.amount } });
      if (moved.count === 1) await addTradeStep(tx, trade.tradeId, "channel refunded", { partNo: channel.partNo });
    });
    return true;
  }
  const failed = await db.refund.count({ where: { payOrderNo: payOrder.payOrderNo, status: "FAILED", mchRefundNo: { startsWith: trade.tradeId } } });
  const delay = nextDriveDelaySeconds(trade.driveCount + 1);
  await inTradeTx(async (tx) => {
    await tx.trade.update({ where: { tradeId: trade.tradeId }, data: { driveCount: { increment: 1 }, nextDriveAt: new Date(Date.now() + delay * 1000), lastError: failed ? "the channel refused the refund; it needs a person (console: refunds)" : null } });
    await enqueueJob(tx, driveTradeJob, { tradeId: trade.tradeId }, { jobKey: `drive-trade:${trade.tradeId}`, runAt: new Date(Date.now() + delay * 1000) });
  });
  return false;
}

export async function recordTradeEvent(tx: Tx, tradeId: string, type: "trade.succeeded" | "trade.failed"): Promise<void> {
  const trade = await tx.trade.findUniqueOrThrow({ where: { tradeId }, include: { parts: true } });
  await recordEvent(tx, { merchantId: trade.merchantId, appId: trade.appId, type, orderNo: trade.orderNo, data: tradeView(trade) });
}

/** A run that failed: the sentinel tries again after a backoff; the console shows the error. */
async function noteFailure(tradeId: string, error: unknown): Promise<void> {
  try {
    const trade = await db.trade.findUnique({ where: { tradeId }, select: { driveCount: true } });
    if (!trade) return;
    const delay = nextDriveDelaySeconds(trade.driveCount + 1);
    await db.trade.update({
      where: { tradeId },
      data: { driveCount: { increment: 1 }, nextDriveAt: new Date(Date.now() + delay * 1000), lastError: (error as Error).message?.slice(0, 500) ?? "error" },
    });
  } catch (noted) {
    logger.warn({ err: noted, tradeId }, "could not record a trade's failed run");
  }
}
