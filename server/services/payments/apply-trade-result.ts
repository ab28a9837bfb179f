import type { TradeState } from "@/server/channels/types";
import { db, type Tx } from "@/server/db";
import { BARCODE_REVERSED } from "@/server/domain/barcode-loop";
import { newRefundNo } from "@/server/domain/ids";
import { paymentPostings, storeIdFrom } from "@/server/domain/ledger";
import { feeForRate } from "@/server/domain/money";
import type { PayOrder, Payment } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { autoSplit } from "@/server/jobs/tasks/profit-sharing-jobs";
import { loadEnv } from "@/server/env";
import { executeRefund, expireOrder } from "@/server/jobs/tasks/payment-jobs";
import { metrics } from "@/server/observability/metrics";
import { recordEvent } from "@/server/services/events/record-event";
import { postJournalEntry } from "@/server/services/ledger/post-journal-entry";
import { applyPayOrderPaidToOrder } from "@/server/services/orders/pay-order-paid";
import { metricSubject, recordAttemptEnded } from "@/server/services/monitoring/channel-metrics-recorder";
import { payOrderView } from "./pay-order-view";
import { OPEN_ATTEMPT_STATUSES, UNCONFIRMED_ATTEMPT_STATUSES } from "@/server/domain/pay-order-states";

export type TradeOutcome = { state: TradeState; channelTradeNo?: string; paidAt?: Date; failureReason?: string };

export type ApplyResult = { changed: boolean; duplicate?: boolean };

/** Locks the order, then the attempt (always in this order, so concurrent callers cannot deadlock). */
export async function lockAttempt(tx: Tx, attemptNo: string): Promise<{ order: PayOrder; payment: Payment } | null> {
  const payment = await tx.payment.findUnique({ where: { attemptNo }, select: { payOrderNo: true } });
  if (!payment) return null;
  await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${payment.payOrderNo} FOR UPDATE`;
  await tx.$queryRaw`SELECT 1 FROM "Payment" WHERE "attemptNo" = ${attemptNo} FOR UPDATE`;
  const [order, locked] = await Promise.all([
    tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: payment.payOrderNo } }),
    tx.payment.findUniqueOrThrow({ where: { attemptNo } }),
  ]);
  return { order, payment: locked };
}

/**
 * Applies what the channel says about an attempt — from a verified callback or a status query —
 * exactly once. In one transaction: compare-and-set the attempt (and the order), the balanced
 * journal entry, the event. A repeat changes nothing. A second successful attempt of an already
 * paid order (the consumer paid twice) is recorded as a duplicate and refunded automatically.
 * The caller has already checked app, merchant and amount.
 */
export async function applyTradeResult(attemptNo: string, outcome: TradeOutcome): Promise<ApplyResult> {
  const result = await db.$transaction(async (tx) => {
    const locked = await lockAttempt(tx, attemptNo);
    if (!locked) return { changed: false };
    const { order, payment } = locked;
    switch (outcome.state) {
      case "SUCCEEDED":
        return succeed(tx, order, payment, outcome);
      case "CLOSED":
      case "FAILED":
        return end(tx, order, payment, outcome.state, outcome.failureReason);
      case "PENDING":
        return markProcessing(tx, payment, outcome.channelTradeNo);
      case "NOT_FOUND":
        // Not (yet) at the channel — an Alipay QR nobody scanned, or a create that never arrived.
        // Never a failure on its own: expiry closes it.
        return { changed: false };
      default:
        return outcome.state satisfies never;
    }
  });
  return result;
}

async function succeed(tx: Tx, order: PayOrder, payment: Payment, outcome: TradeOutcome): Promise<ApplyResult> {
  if (payment.status === "SUCCEEDED") return { changed: false };
  // a barcode attempt we reversed: the channel gave any money back, a late "paid" is stale (docs/adr/0023)
  if (payment.status === "CLOSED" && payment.failureCode === BARCODE_REVERSED) return { changed: false };
  const account = await tx.channelAccount.findUniqueOrThrow({
    where: { id: payment.channelAccountId },
    select: { feeRateBps: true, subsidyBps: true },
  });
  const fee = feeForRate(payment.amount, account.feeRateBps);
  const paidAt = outcome.paidAt ?? new Date();
  const alreadyPaid = order.paidAttemptNo !== null && order.paidAttemptNo !== payment.attemptNo;
  const channelTradeNo = outcome.channelTradeNo ?? payment.channelTradeNo;

  await tx.payment.update({
    where: { attemptNo: payment.attemptNo },
    data: {
      status: "SUCCEEDED",
      channelTradeNo: outcome.channelTradeNo ?? payment.channelTradeNo,
      succeededAt: paidAt,
      feeAmount: fee,
      duplicate: alreadyPaid,
      failureCode: null,
      failureMessage: null,
    },
  });
  await postJournalEntry(tx, {
    merchantId: payment.merchantId,
    appId: payment.appId,
    kind: "payment",
    dedupeKey: `payment:${payment.attemptNo}`,
    currency: payment.currency,
    channelAccountId: payment.channelAccountId,
    payOrderNo: payment.payOrderNo,
    attemptNo: payment.attemptNo,
    occurredAt: paidAt,
    postings: paymentPostings(payment.amount, fee),
    row: {
      channel: payment.channel,
      mode: payment.mode,
      amount: payment.amount,
      fee,
      subsidy: feeForRate(payment.amount, account.subsidyBps),
      mchOrderNo: order.mchOrderNo,
      channelTradeNo,
      storeId: storeIdFrom(order.metadata),
      // A duplicate payment does not change the order (already paid by another attempt).
      orderStatus: alreadyPaid ? order.status : "PAID",
    },
  });
  metrics.payments.inc({ channel: payment.channel, status: "SUCCEEDED" });
  recordAttemptEnded(metricSubject(payment), "succeeded");

  if (alreadyPaid) {
    await refundDuplicate(tx, payment);
    return { changed: true, duplicate: true };
  }

  // PENDING, or CLOSED locally while the consumer was paying: the money moved, so the order is paid.
  const paidOrder = await tx.payOrder.update({
    where: { payOrderNo: order.payOrderNo },
    data: {
      status: "PAID",
      paidAmount: payment.amount,
      paidAttemptNo: payment.attemptNo,
      channelTradeNo: outcome.channelTradeNo ?? payment.channelTradeNo,
      paidAt,
      closedAt: null,
    },
  });
  const attempts = await tx.payment.findMany({ where: { payOrderNo: order.payOrderNo } });
  await recordEvent(tx, {
    merchantId: order.merchantId,
    appId: order.appId,
    type: "pay_order.succeeded",
    payOrderNo: order.payOrderNo,
    orderNo: order.orderNo ?? undefined,
    data: payOrderView(paidOrder, attempts),
  });
  // the order center's order moves in this transaction (or, cancelled meanwhile, refunds this payment)
  await applyPayOrderPaidToOrder(tx, paidOrder);
  if (paidOrder.profitSharing) {
    // WeChat refuses a split in the first ~60 s after payment: the automatic split waits.
    const runAt = new Date(paidAt.getTime() + loadEnv().PROFIT_SHARING_DELAY_SECONDS * 1000);
    await enqueueJob(tx, autoSplit, { payOrderNo: paidOrder.payOrderNo }, { runAt, jobKey: `auto-split:${paidOrder.payOrderNo}`, queueName: "profit-sharing" });
  }
  return { changed: true };
}

/** The consumer paid a second attempt of a paid order: refund it in full, automatically. */
async function refundDuplicate(tx: Tx, payment: Payment): Promise<void> {
  const refundNo = newRefundNo();
  await tx.refund.create({
    data: {
      refundNo,
      merchantId: payment.merchantId,
      appId: payment.appId,
      payOrderNo: payment.payOrderNo,
      attemptNo: payment.attemptNo,
      mchRefundNo: `dup-${payment.attemptNo}`,
      kind: "DUPLICATE_PAYMENT",
      amount: payment.amount,
      currency: payment.currency,
      reason: "duplicate payment refunded automatically",
      status: "PROCESSING",
      paramsHash: "duplicate",
    },
  });
  await enqueueJob(tx, executeRefund, { refundNo });
}

async function end(tx: Tx, order: PayOrder, payment: Payment, state: "CLOSED" | "FAILED", reason?: string): Promise<ApplyResult> {
  const changed = await tx.payment.updateMany({
    where: { attemptNo: payment.attemptNo, status: { in: [...OPEN_ATTEMPT_STATUSES] } },
    data: {
      status: state,
      closedAt: state === "CLOSED" ? new Date() : undefined,
      failureMessage: reason?.slice(0, 500),
    },
  });
  if (changed.count) metrics.payments.inc({ channel: payment.channel, status: state });
  if (changed.count && state === "FAILED") recordAttemptEnded(metricSubject(payment), "failed");
  // A trade's channel part is one try: declined, its pay order closes and the trade releases its parts (OPEN-API.md).
  if (changed.count && state === "FAILED" && order.purpose === "trade" && order.status === "PENDING") {
    await enqueueJob(tx, expireOrder, { payOrderNo: order.payOrderNo }, { jobKey: `expire-order:${order.payOrderNo}` });
  }
  return { changed: changed.count > 0 };
}

async function markProcessing(tx: Tx, payment: Payment, channelTradeNo?: string): Promise<ApplyResult> {
  const changed = await tx.payment.updateMany({
    where: { attemptNo: payment.attemptNo, status: { in: [...UNCONFIRMED_ATTEMPT_STATUSES] } },
    data: { status: "PROCESSING", channelTradeNo: channelTradeNo ?? undefined },
  });
  return { changed: changed.count > 0 };
}

