import { channelPlugin } from "@/server/channels/registry";
import { db } from "@/server/db";
import type { ChannelCode } from "@/server/domain/channel-codes";
import { newPayOrderNo, newRefundNo } from "@/server/domain/ids";
import { applyTradeResult } from "@/server/services/payments/apply-trade-result";
import { applyRefundResult } from "@/server/services/refunds/apply-refund-result";

/** A UTC instant from a China Standard Time wall clock: cst("2026-10-01 10:15"). */
export function cst(local: string): Date {
  return new Date(`${local.replace(" ", "T")}:00+08:00`);
}

let counter = 0;

type PaymentSpec = {
  appId: string;
  channel: ChannelCode;
  amount: number;
  /** When the attempt was created (its paidAt is a minute later for a success). */
  at: Date;
  outcome: "success" | "fail" | "close";
  failureMessage?: string;
  metadata?: Record<string, string>;
  paidAt?: Date;
};

/**
 * An order with one attempt, settled through the real service (applyTradeResult): the journal
 * entry, its ledger row and the rollup are written exactly as a channel callback would write them,
 * but at the times the test chooses.
 */
export async function settledPayment(spec: PaymentSpec) {
  const app = await db.app.findUniqueOrThrow({ where: { id: spec.appId } });
  const account = await db.channelAccount.findFirstOrThrow({ where: { appId: app.id, channel: spec.channel } });
  const payOrderNo = newPayOrderNo(spec.at);
  const attemptNo = `${payOrderNo}-1`;
  await db.payOrder.create({
    data: {
      payOrderNo,
      merchantId: app.merchantId,
      appId: app.id,
      mchOrderNo: `LF${Date.now()}${counter++}`,
      amount: BigInt(spec.amount),
      currency: "CNY",
      subject: "ledger fixture",
      metadata: spec.metadata,
      expireInSeconds: 1800,
      expiresAt: new Date(spec.at.getTime() + 1_800_000),
      paramsHash: "fixture",
      createdAt: spec.at,
    },
  });
  await db.payment.create({
    data: {
      attemptNo,
      payOrderNo,
      seq: 1,
      merchantId: app.merchantId,
      appId: app.id,
      channelAccountId: account.id,
      channel: spec.channel,
      mode: channelPlugin(spec.channel).modes[0],
      amount: BigInt(spec.amount),
      currency: "CNY",
      status: "PROCESSING",
      paramsHash: "fixture",
      createdAt: spec.at,
    },
  });
  const paidAt = spec.paidAt ?? new Date(spec.at.getTime() + 60_000);
  if (spec.outcome === "success") {
    await applyTradeResult(attemptNo, { state: "SUCCEEDED", channelTradeNo: `CT${payOrderNo}`, paidAt });
  } else {
    await applyTradeResult(attemptNo, { state: spec.outcome === "fail" ? "FAILED" : "CLOSED", failureReason: spec.failureMessage });
  }
  return { payOrderNo, attemptNo };
}

/** A merchant refund of a paid order, settled through the real service (applyRefundResult) at `at`. */
export async function settledRefund(payOrderNo: string, amount: number, at: Date) {
  const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
  const refundNo = newRefundNo(at);
  await db.refund.create({
    data: {
      refundNo,
      merchantId: order.merchantId,
      appId: order.appId,
      payOrderNo,
      attemptNo: order.paidAttemptNo as string,
      mchRefundNo: `LR${counter++}`,
      amount: BigInt(amount),
      currency: "CNY",
      status: "PROCESSING",
      paramsHash: "fixture",
      createdAt: at,
    },
  });
  await db.payOrder.update({ where: { payOrderNo }, data: { refundingAmount: { increment: BigInt(amount) } } });
  await applyRefundResult(refundNo, { state: "SUCCEEDED", channelRefundNo: `CR${refundNo}`, succeededAt: at });
  return refundNo;
}
