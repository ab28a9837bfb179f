import type { Tx } from "@/server/db";
import type { Order, PayOrder } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { driveTradeJob } from "@/server/jobs/tasks/trade-jobs";
import { refundChannelPart } from "./drive-trade";
import { addTradeStep } from "./trade-steps";

/**
 * What the payment center tells the trade center, in the transaction that pays or closes a trade's
 * channel pay order (docs/adr/0015): the trade moves to CONFIRMING or CANCELLING in that same
 * transaction and its drive-trade job is added with it, so neither the news nor the work can be lost.
 */

function driveSoon(tx: Tx, tradeId: string) {
  return enqueueJob(tx, driveTradeJob, { tradeId }, { jobKey: `drive-trade:${tradeId}` });
}

/**
 * The channel part was paid. A trade still waiting confirms its parts; one that had already ended or is
 * ending (the pay order was closed and then paid at the channel after all) gets the money back in full.
 */
export async function tradeChannelPaid(tx: Tx, payOrder: PayOrder, order?: Order): Promise<boolean> {
  const trade = await lockTradeOf(tx, payOrder.payOrderNo);
  if (!trade) return false;
  const channel = await tx.tradePart.findFirst({ where: { tradeId: trade.tradeId, instrument: "channel" } });
  if (!channel || channel.status === "CONFIRMED" || channel.status === "REFUNDING" || channel.status === "REFUNDED") return false; // known already
  if (trade.status === "PENDING" && order?.status !== "CANCELLED") {
    await tx.trade.update({ where: { tradeId: trade.tradeId }, data: { status: "CONFIRMING", nextDriveAt: new Date() } });
    await tx.tradePart.update({ where: { tradeId_partNo: { tradeId: trade.tradeId, partNo: channel.partNo } }, data: { status: "CONFIRMED" } });
    await addTradeStep(tx, trade.tradeId, "channel paid", { detail: payOrder.payOrderNo });
  } else if (trade.status === "PENDING") {
    // The order was cancelled meanwhile: the order center refunds this payment (pay-order-paid.ts); the parts are released.
    await tx.trade.update({ where: { tradeId: trade.tradeId }, data: { status: "CANCELLING", failureReason: "the order was cancelled", nextDriveAt: new Date() } });
    await tx.tradePart.update({ where: { tradeId_partNo: { tradeId: trade.tradeId, partNo: channel.partNo } }, data: { status: "REFUNDING" } });
    await addTradeStep(tx, trade.tradeId, "channel paid after the order was cancelled", { detail: payOrder.payOrderNo, ok: false });
  } else {
    // Paid at the channel after the trade had given up on it (closed locally while the consumer paid): it goes back in full.
    await tx.tradePart.update({ where: { tradeId_partNo: { tradeId: trade.tradeId, partNo: channel.partNo } }, data: { status: "CONFIRMED" } });
    if (trade.endedAt) await tx.trade.update({ where: { tradeId: trade.tradeId }, data: { endedAt: null, nextDriveAt: new Date() } });
    await addTradeStep(tx, trade.tradeId, "channel paid late", { detail: payOrder.payOrderNo, ok: false });
    await refundChannelPart(tx, trade, "late");
  }
  await driveSoon(tx, trade.tradeId);
  return true;
}

async function lockTradeOf(tx: Tx, payOrderNo: string) {
  const rows = await tx.$queryRaw<{ tradeId: string }[]>`SELECT "tradeId" FROM "Trade" WHERE "payOrderNo" = ${payOrderNo} FOR UPDATE`;
  return rows[0] ? tx.trade.findUniqueOrThrow({ where: { tradeId: rows[0].tradeId } }) : null;
}

/** The channel part ended unpaid (declined and closed, or expired): every frozen part is released. */
export async function tradeChannelClosed(tx: Tx, payOrder: PayOrder): Promise<boolean> {
  const trade = await lockTradeOf(tx, payOrder.payOrderNo);
  if (!trade) return false;
  const moved = await tx.trade.updateMany({
    where: { tradeId: trade.tradeId, status: "PENDING" },
    data: { status: "CANCELLING", failureReason: "the channel part was not paid", nextDriveAt: new Date() },
  });
  if (moved.count !== 1) return false;
  await tx.tradePart.updateMany({ where: { tradeId: trade.tradeId, instrument: "channel", status: "PENDING" }, data: { status: "RELEASED" } });
  await addTradeStep(tx, trade.tradeId, "channel closed", { detail: payOrder.payOrderNo, ok: false });
  await driveSoon(tx, trade.tradeId);
  return true;
}

/**
 * Whether a trade of the order is confirming (its channel was paid; the coordinator is taking the
 * parts): the order is about to be PAID, so neither a cancel nor the payment timeout may end it now.
 */
export async function orderHasConfirmingTrade(tx: Tx, orderNo: string): Promise<boolean> {
  return (await tx.trade.count({ where: { orderNo, status: "CONFIRMING" } })) > 0;
}
