import { db } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";
import { AppError } from "@/server/errors";
import type { ProfitShareReturn, ProfitSplit, ProfitSplitReceiver } from "@/server/generated/prisma/client.ts";

/**
 * A split as the Open API and the console show it (docs/api.md): amounts as integer fen (numbers),
 * times as ISO strings, each receiver's result at the channel.
 */
export function splitView(split: ProfitSplit & { receivers: ProfitSplitReceiver[] }) {
  return {
    splitNo: split.splitNo,
    payOrderNo: split.payOrderNo,
    outSplitNo: split.outSplitNo,
    source: split.source,
    kind: split.kind,
    finish: split.finish,
    status: split.status,
    amount: Number(split.amount),
    currency: split.currency,
    failureCode: split.failureCode,
    failureMessage: split.failureMessage,
    createdAt: split.createdAt.toISOString(),
    finishedAt: split.finishedAt?.toISOString() ?? null,
    receivers: split.receivers.map((r) => ({
      id: r.id,
      receiverId: r.receiverId,
      type: r.type,
      account: r.account,
      name: r.name,
      relationType: r.relationType,
      amount: Number(r.amount),
      description: r.description,
      result: r.result,
      failReason: r.failReason,
      returnedAmount: Number(r.returnedAmount),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    })),
  };
}
export type SplitView = ReturnType<typeof splitView>;

export function returnView(r: ProfitShareReturn) {
  return {
    returnNo: r.returnNo,
    splitNo: r.splitNo,
    splitReceiverId: r.splitReceiverId,
    refundNo: r.refundNo,
    amount: Number(r.amount),
    currency: r.currency,
    status: r.status,
    failReason: r.failReason,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
export type ReturnView = ReturnType<typeof returnView>;

/** A pay order's splits (newest first), for the Open API's GET. */
export async function listOrderSplits(payOrderNo: string): Promise<SplitView[]> {
  const splits = await db.profitSplit.findMany({ where: { payOrderNo }, orderBy: { createdAt: "desc" }, include: { receivers: { orderBy: { id: "asc" } } } });
  return splits.map(splitView);
}

/**
 * The console's view of one of the merchant's pay orders: its sharing state (frozen for sharing,
 * split, released), its splits with receivers, and the returns made before refunds.
 */
export async function orderSplits(merchantId: string, payOrderNo: string) {
  if (!hasIdShape("payOrderNo", payOrderNo)) throw new AppError("ORDER_NOT_FOUND", "no such pay order");
  const order = await db.payOrder.findFirst({
    where: { payOrderNo, merchantId },
    select: {
      payOrderNo: true,
      appId: true,
      status: true,
      currency: true,
      amount: true,
      paidAmount: true,
      refundedAmount: true,
      refundingAmount: true,
      profitSharing: true,
      splitAmount: true,
      splitFinishedAt: true,
      paidAt: true,
    },
  });
  if (!order) throw new AppError("ORDER_NOT_FOUND", "no such pay order");
  const [splits, returns] = await Promise.all([
    listOrderSplits(payOrderNo),
    db.profitShareReturn.findMany({ where: { payOrderNo }, orderBy: { createdAt: "desc" } }),
  ]);
  const splittable = order.paidAmount - order.refundedAmount - order.refundingAmount - order.splitAmount;
  return {
    order: {
      payOrderNo: order.payOrderNo,
      appId: order.appId,
      status: order.status,
      currency: order.currency,
      amount: Number(order.amount),
      paidAmount: Number(order.paidAmount),
      refundedAmount: Number(order.refundedAmount),
      profitSharing: order.profitSharing,
      splitAmount: Number(order.splitAmount),
      splittableAmount: Number(splittable > 0n ? splittable : 0n),
      splitFinishedAt: order.splitFinishedAt?.toISOString() ?? null,
      paidAt: order.paidAt?.toISOString() ?? null,
    },
    splits,
    returns: returns.map(returnView),
    /** Something is still moving at the channel: the console polls while true. */
    inFlight: splits.some((s) => s.status === "PENDING" || s.status === "PROCESSING") || returns.some((r) => r.status === "PROCESSING"),
  };
}
