import { db, type Tx } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";
import { newRefundNo } from "@/server/domain/ids";
import { paramsHash } from "@/server/domain/params-hash";
import type { CreateRefundInput } from "@/server/domain/refund-schema";
import { AppError } from "@/server/errors";
import type { PayOrder, Refund } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { executeRefund } from "@/server/jobs/tasks/payment-jobs";
import type { ApiApp } from "@/server/apps/app-cache";
import { assertRefundCoverable } from "@/server/services/profit-sharing/split-returns";
import { refundView } from "./refund-view";
import { isPaidPayOrder } from "@/server/domain/pay-order-states";

class Replay extends Error {}

/** The refund-defining parameters as hashed for REFUND_PARAMS_MISMATCH. */
export function refundParamsHash(input: Pick<CreateRefundInput, "payOrderNo" | "amount" | "reason" | "notifyUrl">): string {
  return paramsHash({ payOrderNo: input.payOrderNo, amount: input.amount, reason: input.reason ?? null, notifyUrl: input.notifyUrl ?? null });
}

export type RefundFields = {
  mchRefundNo: string;
  amount: bigint;
  reason?: string;
  notifyUrl?: string;
  paramsHash: string;
  needsReview: boolean;
  requestedById?: string;
  /** The order center's order and after-sale the refund is made for. */
  orderNo?: string;
  afterSaleId?: string;
  /** Runs after the refund is written, before its job is added (same transaction). */
  beforeSend?: (tx: Tx, refund: Refund) => Promise<void>;
};

/**
 * Writes a refund of a paid pay order in the caller's transaction: reserves the amount on the pay
 * order with a compare-and-set (so concurrent refunds can never exceed what was paid), creates the
 * refund and, unless it waits for review, the job that sends it to the channel. Null when not that
 * much is left to refund. The order center's cancel and late-payment refunds use it too.
 */
export async function insertRefundInTx(
  tx: Tx,
  order: Pick<PayOrder, "payOrderNo" | "merchantId" | "appId" | "paidAttemptNo" | "currency">,
  fields: RefundFields,
): Promise<Refund | null> {
  if (!order.paidAttemptNo) return null;
  const reserved = await tx.$executeRaw`
    UPDATE "PayOrder" SET "refundingAmount" = "refundingAmount" + ${fields.amount}, "updatedAt" = now()
    WHERE "payOrderNo" = ${order.payOrderNo} AND "paidAmount" - "refundedAmount" - "refundingAmount" >= ${fields.amount}`;
  if (reserved !== 1) return null;
  await assertRefundCoverable(tx, order.payOrderNo, fields.amount);
  const created = await tx.refund.create({
    data: {
      refundNo: newRefundNo(),
      merchantId: order.merchantId,
      appId: order.appId,
      payOrderNo: order.payOrderNo,
      attemptNo: order.paidAttemptNo,
      mchRefundNo: fields.mchRefundNo,
      amount: fields.amount,
      currency: order.currency,
      reason: fields.reason,
      notifyUrl: fields.notifyUrl,
      status: fields.needsReview ? "PENDING_REVIEW" : "PROCESSING",
      paramsHash: fields.paramsHash,
      requestedById: fields.requestedById,
      orderNo: fields.orderNo,
      afterSaleId: fields.afterSaleId,
    },
  });
  await fields.beforeSend?.(tx, created);
  if (!fields.needsReview) await enqueueJob(tx, executeRefund, { refundNo: created.refundNo });
  return created;
}

function replayOrMismatch(existing: Refund, hash: string) {
  if (existing.paramsHash !== hash) throw new AppError("REFUND_PARAMS_MISMATCH", "this mchRefundNo was used with other parameters");
  return { status: 200 as const, refund: refundView(existing) };
}

/**
 * POST /api/v1/refunds. Partial and multiple refunds while their sum stays within what was paid:
 * the amount is reserved on the order with a compare-and-set in the same transaction that creates
 * the refund, so concurrent refunds can never exceed it. Above the app's review threshold the refund
 * waits in PENDING_REVIEW; otherwise a job sends it to the channel. The same mchRefundNo replays the
 * first refund.
 */
export async function createRefund(
  app: Pick<ApiApp, "id" | "refundReviewThreshold">,
  input: CreateRefundInput,
  options: { requestedById?: string; afterCreate?: (tx: Tx, refund: Refund) => Promise<void> } = {},
) {
  const hash = refundParamsHash(input);
  const key = { appId_mchRefundNo: { appId: app.id, mchRefundNo: input.mchRefundNo } };
  const existing = await db.refund.findUnique({ where: key });
  if (existing) return replayOrMismatch(existing, hash);

  // any value that names no order of this app is ORDER_NOT_FOUND (OPEN-API.md), well-formed or not
  const order = hasIdShape("payOrderNo", input.payOrderNo) ? await db.payOrder.findUnique({ where: { payOrderNo: input.payOrderNo } }) : null;
  if (!order || order.appId !== app.id) throw new AppError("ORDER_NOT_FOUND", "no such order", { field: "payOrderNo" });
  if (!order.paidAttemptNo || !isPaidPayOrder(order.status)) {
    throw new AppError("ORDER_NOT_PAID", "the order is not paid");
  }
  // a top-up's money is in the buyer's wallet (and may be spent): it does not go back through the channel
  if (order.purpose === "top_up") throw new AppError("TOP_UP_NOT_REFUNDABLE", "a wallet top-up cannot be refunded", { field: "payOrderNo" });
  const amount = input.amount;
  const needsReview = app.refundReviewThreshold !== null && amount > app.refundReviewThreshold;
  try {
    const refund = await db.$transaction(async (tx) => {
      const created = await insertRefundInTx(tx, order, {
        mchRefundNo: input.mchRefundNo,
        amount,
        reason: input.reason,
        notifyUrl: input.notifyUrl,
        paramsHash: hash,
        needsReview,
        requestedById: options.requestedById,
        beforeSend: options.afterCreate,
      });
      if (!created) {
        if (await tx.refund.findUnique({ where: key })) throw new Replay();
        throw new AppError("REFUND_EXCEEDS_REFUNDABLE", "the refund exceeds what is left to refund", { field: "amount" });
      }
      return created;
    });
    return { status: 201 as const, refund: refundView(refund) };
  } catch (error) {
    // The same mchRefundNo won a race (unique violation, or it consumed the refundable amount): replay it.
    if (error instanceof Replay || (error as { code?: string }).code === "P2002") {
      return replayOrMismatch(await db.refund.findUniqueOrThrow({ where: key }), hash);
    }
    throw error;
  }
}
