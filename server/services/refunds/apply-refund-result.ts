import type { RefundQuery } from "@/server/channels/types";
import { db } from "@/server/db";
import { refundPostings } from "@/server/domain/ledger";
import { feeForRate } from "@/server/domain/money";
import { recordEvent } from "@/server/services/events/record-event";
import { postJournalEntry } from "@/server/services/ledger/post-journal-entry";

/**
 * Applies the channel's word on a refund exactly once: PROCESSING → SUCCEEDED (balanced journal
 * entry with the fee share the channel returns, order's refunded amount and status) or → FAILED.
 * A duplicate-payment refund moves no order figures: the order was paid by another attempt.
 */
export async function applyRefundResult(
  refundNo: string,
  result: Pick<RefundQuery, "state" | "channelRefundNo" | "failureReason" | "succeededAt"> & { failureCode?: string },
) {
  return db.$transaction(async (tx) => {
    const head = await tx.refund.findUnique({ where: { refundNo }, select: { payOrderNo: true } });
    if (!head) return { changed: false };
    await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "payOrderNo" = ${head.payOrderNo} FOR UPDATE`;
    const refund = await tx.refund.findUniqueOrThrow({ where: { refundNo } });
    if (refund.status !== "PROCESSING") return { changed: false };

    if (result.state === "FAILED") {
      const failureCode = (result.failureCode ?? "CHANNEL_FAILED").slice(0, 64);
      const failureMessage = (result.failureReason ?? "the channel refused the refund").slice(0, 500);
      await tx.refund.update({ where: { refundNo }, data: { status: "FAILED", failureCode, failureMessage } });
      if (refund.kind === "MERCHANT") {
        await tx.order.update({ where: { payOrderNo: refund.payOrderNo }, data: { refundingAmount: { decrement: refund.amount } } });
        await recordEvent(tx, {
          merchantId: refund.merchantId,
          appId: refund.appId,
          type: "refund.failed",
          payOrderNo: refund.payOrderNo,
          refundNo,
          data: { refundNo, mchRefundNo: refund.mchRefundNo, payOrderNo: refund.payOrderNo, amount: refund.amount, status: "FAILED", failureCode, failureMessage },
        });
      }
      return { changed: true };
    }
    if (result.state !== "SUCCEEDED") return { changed: false };

    const payment = await tx.payment.findUniqueOrThrow({ where: { attemptNo: refund.attemptNo } });
    // The channel returns the fee in proportion to the amount refunded.
    const feeBack = payment.feeAmount && payment.amount > 0n ? (payment.feeAmount * refund.amount) / payment.amount : 0n;
    const succeededAt = result.succeededAt ?? new Date();
    await tx.refund.update({
      where: { refundNo },
      data: { status: "SUCCEEDED", channelRefundNo: result.channelRefundNo, feeRefundAmount: feeBack, succeededAt, failureCode: null, failureMessage: null },
    });
    await postJournalEntry(tx, {
      merchantId: refund.merchantId,
      appId: refund.appId,
      kind: refund.kind === "DUPLICATE_PAYMENT" ? "duplicate_refund" : "refund",
      dedupeKey: `refund:${refund.refundNo}`,
      currency: refund.currency,
      channelAccountId: payment.channelAccountId,
      payOrderNo: refund.payOrderNo,
      attemptNo: refund.attemptNo,
      refundNo: refund.refundNo,
      occurredAt: succeededAt,
      postings: refundPostings(refund.amount, feeBack),
    });
    if (refund.kind === "MERCHANT") {
      const order = await tx.order.update({
        where: { payOrderNo: refund.payOrderNo },
        data: { refundedAmount: { increment: refund.amount }, refundingAmount: { decrement: refund.amount } },
      });
      await tx.order.update({
        where: { payOrderNo: refund.payOrderNo },
        data: { status: order.refundedAmount >= order.paidAmount ? "REFUNDED" : "PARTIALLY_REFUNDED" },
      });
      await recordEvent(tx, {
        merchantId: refund.merchantId,
        appId: refund.appId,
        type: "refund.succeeded",
        payOrderNo: refund.payOrderNo,
        refundNo,
        data: { refundNo, mchRefundNo: refund.mchRefundNo, payOrderNo: refund.payOrderNo, amount: refund.amount, status: "SUCCEEDED" },
      });
    }
    return { changed: true };
  });
}
