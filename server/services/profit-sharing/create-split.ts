import { db, type Tx } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";
import { newSplitNo } from "@/server/domain/ids";
import { paramsHash } from "@/server/domain/params-hash";
import { isPaidPayOrder } from "@/server/domain/pay-order-states";
import { AppError } from "@/server/errors";
import type { ProfitSplit, ProfitSplitReceiver } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { executeSplit } from "@/server/jobs/tasks/profit-sharing-jobs";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

export type SplitLine = { receiverId: string; amount: bigint; description?: string };

export type NewSplit = {
  /** The order's app (Open API: the calling app) or merchant (console). */
  scope: { appId: string } | { merchantId: string };
  payOrderNo: string;
  source: "AUTO" | "API" | "CONSOLE";
  outSplitNo?: string;
  receivers: SplitLine[];
  finish: boolean;
};

export type SplitWithReceivers = ProfitSplit & { receivers: ProfitSplitReceiver[] };

/** The split-defining parameters as hashed for PARAMS_MISMATCH (an API split replayed with other content). */
export function splitParamsHash(input: { receivers: SplitLine[]; finish: boolean }): string {
  return paramsHash({ receivers: input.receivers.map((r) => ({ receiverId: r.receiverId, amount: r.amount, description: r.description ?? null })), finish: input.finish });
}

const DEFAULT_DESCRIPTION = "分账";

/**
 * Writes a split of a paid, frozen-for-sharing pay order in the caller's transaction and queues its
 * channel call: locks the pay order (so concurrent splits of it are serialized), checks the receivers
 * (ACTIVE, of the order's app and channel account), reserves the amount on the order by
 * compare-and-set (`splitAmount + x <= paid − refunded − refunding`) and writes the split PENDING with
 * a snapshot of each receiver. A finishing split releases the rest: no split may follow it.
 * An API split replayed with the same outSplitNo answers the first one (created: false).
 */
export async function insertSplitInTx(tx: Tx, input: NewSplit): Promise<{ split: SplitWithReceivers; created: boolean }> {
  const scope = "appId" in input.scope ? { appId: input.scope.appId } : { merchantId: input.scope.merchantId };
  if (!hasIdShape("payOrderNo", input.payOrderNo)) throw new AppError("ORDER_NOT_FOUND", "no such pay order");
  const found = await tx.payOrder.findFirst({ where: { payOrderNo: input.payOrderNo, ...scope }, select: { payOrderNo: true } });
  if (!found) throw new AppError("ORDER_NOT_FOUND", "no such pay order");
  await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${input.payOrderNo} FOR UPDATE`;
  const order = await tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: input.payOrderNo } });

  const hash = splitParamsHash(input);
  if (input.outSplitNo) {
    const existing = await tx.profitSplit.findUnique({
      where: { appId_outSplitNo: { appId: order.appId, outSplitNo: input.outSplitNo } },
      include: { receivers: { orderBy: { id: "asc" } } },
    });
    if (existing) {
      if (existing.payOrderNo !== order.payOrderNo || existing.paramsHash !== hash) {
        throw new AppError("PARAMS_MISMATCH", "this outSplitNo was used with other parameters", { field: "outSplitNo" });
      }
      return { split: existing, created: false };
    }
  }

  if (!isPaidPayOrder(order.status) || !order.paidAttemptNo) throw new AppError("ORDER_NOT_PAID", "the pay order is not paid");
  if (!order.profitSharing) throw new AppError("PROFIT_SHARING_NOT_ENABLED", "the payment was not frozen for profit sharing");
  if (order.splitFinishedAt) throw new AppError("SPLIT_FINISHED", "the rest of this payment was released: no split may follow");
  const payment = await tx.payment.findUniqueOrThrow({ where: { attemptNo: order.paidAttemptNo } });

  const ids = input.receivers.map((r) => r.receiverId);
  const receivers = await tx.profitShareReceiver.findMany({
    where: { id: { in: ids }, appId: order.appId, channelAccountId: payment.channelAccountId, status: "ACTIVE" },
  });
  const byId = new Map(receivers.map((r) => [r.id, r]));
  input.receivers.forEach((line, i) => {
    if (!byId.has(line.receiverId)) {
      throw new AppError("RECEIVER_NOT_FOUND", "no such receiver at the order's channel account", { field: `receivers.${i}.receiverId` });
    }
  });

  const total = input.receivers.reduce((sum, r) => sum + r.amount, 0n);
  const reserved = await tx.$executeRaw`
    UPDATE "PayOrder" SET "splitAmount" = "splitAmount" + ${total},
      "splitFinishedAt" = CASE WHEN ${input.finish} THEN now() ELSE "splitFinishedAt" END, "updatedAt" = now()
    WHERE "payOrderNo" = ${order.payOrderNo} AND "splitFinishedAt" IS NULL
      AND "splitAmount" + ${total} <= "paidAmount" - "refundedAmount" - "refundingAmount"`;
  if (reserved !== 1) throw new AppError("SPLIT_EXCEEDS_SPLITTABLE", "the split exceeds what may still be split of this payment", { field: "receivers" });

  const split = await tx.profitSplit.create({
    data: {
      splitNo: newSplitNo(),
      merchantId: order.merchantId,
      appId: order.appId,
      payOrderNo: order.payOrderNo,
      attemptNo: order.paidAttemptNo,
      channelAccountId: payment.channelAccountId,
      channel: payment.channel,
      currency: order.currency,
      kind: "SPLIT",
      source: input.source,
      outSplitNo: input.outSplitNo ?? null,
      paramsHash: hash,
      finish: input.finish,
      amount: total,
      receivers: {
        create: input.receivers.map((line) => {
          const r = byId.get(line.receiverId)!;
          return {
            receiverId: r.id,
            type: r.type,
            account: r.account,
            name: r.name,
            relationType: r.relationType,
            amount: line.amount,
            description: line.description?.trim() || DEFAULT_DESCRIPTION,
          };
        }),
      },
    },
    include: { receivers: { orderBy: { id: "asc" } } },
  });
  await enqueueJob(tx, executeSplit, { splitNo: split.splitNo }, { jobKey: `execute-split:${split.splitNo}`, queueName: "profit-sharing" });
  return { split, created: true };
}

/** A split in its own transaction; a console split (with its actor) is audited in it. */
export async function createSplit(input: NewSplit, actor?: AuditActor): Promise<{ split: SplitWithReceivers; created: boolean }> {
  return db.$transaction(async (tx) => {
    const made = await insertSplitInTx(tx, input);
    if (actor && made.created) {
      await recordAudit(tx, actor, {
        merchantId: made.split.merchantId,
        action: "profit_split.created",
        targetType: "profit_split",
        targetId: made.split.splitNo,
        after: { payOrderNo: made.split.payOrderNo, amount: made.split.amount.toString(), finish: made.split.finish, receivers: made.split.receivers.map((r) => ({ receiverId: r.receiverId, amount: r.amount.toString() })) },
      });
    }
    return made;
  });
}
