import { db } from "@/server/db";
import { UNSETTLED_DIFFERENCE_STATUSES } from "@/server/domain/reconciliation";
import type { ReconDifference, ReconRun } from "@/server/generated/prisma/client.ts";

function runView(run: ReconRun) {
  return {
    runId: run.id,
    channel: run.channel,
    channelAccountId: run.channelAccountId,
    status: run.status,
    closed: run.closedAt !== null,
    closedAt: run.closedAt,
    billRows: run.billRows,
    bill: { paymentCount: run.billPaymentCount, paymentAmount: run.billPaymentAmount, refundCount: run.billRefundCount, refundAmount: run.billRefundAmount, fee: run.billFee },
    journal: { paymentCount: run.localPaymentCount, paymentAmount: run.localPaymentAmount, refundCount: run.localRefundCount, refundAmount: run.localRefundAmount, fee: run.localFee },
    matched: run.matched,
    differences: {
      missingLocal: run.missingLocal,
      missingChannel: run.missingChannel,
      amountMismatch: run.amountMismatch,
      feeMismatch: run.feeMismatch,
      statusMismatch: run.statusMismatch,
      expected: run.expected,
      repaired: run.repaired,
    },
    openDifferences: run.openDifferences,
    errorCode: run.errorCode,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
  };
}

function differenceView(d: ReconDifference) {
  return {
    differenceId: d.id,
    channel: d.channel,
    channelAccountId: d.channelAccountId,
    type: d.type,
    status: d.status,
    kind: d.kind,
    outNo: d.outNo,
    payOrderNo: d.payOrderNo,
    refundNo: d.refundNo,
    currency: d.currency,
    channelSide: d.channelAmount === null ? null : { tradeNo: d.channelTradeNo, amount: d.channelAmount, fee: d.channelFee, state: d.channelState, at: d.channelAt },
    journalSide: d.localAmount === null ? null : { amount: d.localAmount, fee: d.localFee, state: d.localState, at: d.localAt },
  };
}

/**
 * GET /api/v1/reconciliations?date=: the app's runs of one Beijing day with their figures, and the
 * day's differences still to be settled (OPEN or EXPECTED), by id, a page at a time.
 */
export async function listAppReconciliations(appId: string, billDate: string, after: string | null, limit: number) {
  const day = new Date(`${billDate}T00:00:00Z`);
  const [runs, differences] = await Promise.all([
    db.reconRun.findMany({ where: { appId, billDate: day }, orderBy: [{ channel: "asc" }, { channelAccountId: "asc" }] }),
    db.reconDifference.findMany({
      where: { appId, billDate: day, status: { in: [...UNSETTLED_DIFFERENCE_STATUSES] }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: limit + 1,
    }),
  ]);
  const page = differences.slice(0, limit);
  return {
    date: billDate,
    timeZone: "Asia/Shanghai",
    closed: runs.length > 0 && runs.every((run) => run.closedAt !== null),
    runs: runs.map(runView),
    differences: page.map(differenceView),
    nextCursor: differences.length > limit ? page[page.length - 1].id : null,
  };
}

