import { statusAfterRefunds } from "@/server/domain/pay-order-states";
import type { RefundQuery } from "@/server/channels/types";
import { db } from "@/server/db";
import { proRata, refundPostings, storeIdFrom } from "@/server/domain/ledger";
import { recordEvent } from "@/server/services/events/record-event";
import { postJournalEntry, updateLedgerOrderStatus } from "@/server/services/ledger/post-journal-entry";
import { orderCenterRefundSettled } from "@/server/services/orders/refund-settled";

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
    await tx.$queryRaw`SELECT 1 FROM "PayOrder" WHERE "payOrderNo" = ${head.payOrderNo} FOR UPDATE`;
    const refund = await tx.refund.findUniqueOrThrow({ where: { refundNo } });
    if (refund.status !== "PROCESSING") return { changed: false };

    if (result.state === "FAILED") {
      const failureCode = (result.failureCode ?? "CHANNEL_FAILED").slice(0, 64);
      const failureMessage = (result.failureReason ?? "the channel refused the refund").slice(0, 500);
      await tx.refund.update({ where: { refundNo }, data: { status: "FAILED", failureCode, failureMessage } });
      if (refund.kind === "MERCHANT") {
        await orderCenterRefundSettled(tx, refund, "FAILED");
        await tx.payOrder.update({ where: { payOrderNo: refund.payOrderNo }, data: { refundingAmount: { decrement: refund.amount } } });
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

    const [payment, order, paymentEntry] = await Promise.all([
      tx.payment.findUniqueOrThrow({ where: { attemptNo: refund.attemptNo } }),
      tx.payOrder.findUniqueOrThrow({ where: { payOrderNo: refund.payOrderNo }, select: { mchOrderNo: true, metadata: true, status: true } }),
      tx.journalEntry.findUnique({ where: { dedupeKey: `payment:${refund.attemptNo}` }, select: { subsidy: true } }),
    ]);
    // The channel returns the fee (and takes back its subsidy) in proportion to the amount refunded.
    const feeBack = proRata(payment.feeAmount ?? 0n, refund.amount, payment.amount);
    const subsidyBack = proRata(paymentEntry?.subsidy ?? 0n, refund.amount, payment.amount);
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
      row: {
        channel: payment.channel,
        mode: payment.mode,
        amount: -refund.amount,
        fee: -feeBack,
        subsidy: -subsidyBack,
        mchOrderNo: order.mchOrderNo,
        channelTradeNo: payment.channelTradeNo,
        storeId: storeIdFrom(order.metadata),
        orderStatus: order.status,
      },
    });
    if (refund.kind === "MERCHANT") {
      const refunded = await tx.payOrder.update({
        where: { payOrderNo: refund.payOrderNo },
        data: { refundedAmount: { increment: refund.amount }, refundingAmount: { decrement: refund.amount } },
      });
      const status = statusAfterRefunds(refunded.paidAmount, refunded.refundedAmount);
      await tx.payOrder.update({ where: { payOrderNo: refund.payOrderNo }, data: { status } });
      await updateLedgerOrderStatus(tx, refund.payOrderNo, status);
      await orderCenterRefundSettled(tx, refund, "SUCCEEDED");
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
