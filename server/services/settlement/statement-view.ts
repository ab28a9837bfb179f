import type { SettlementLine, SettlementStatement } from "@/server/generated/prisma/client.ts";
import { localDate } from "@/server/domain/report-range";
import { statementTotals } from "@/server/domain/settlement";

/**
 * What the console, the Open API and the `settlement.*` events show of a statement. Amounts stay
 * bigint (minor units; superjson carries them over tRPC, the Open API writes them as integers).
 * `periodFrom`/`periodTo` are the Beijing days covered (both included).
 */
export function statementView(s: SettlementStatement) {
  return {
    statementNo: s.statementNo,
    cycle: s.cycle,
    scope: s.scope,
    source: s.source,
    groupKey: s.groupKey,
    currency: s.currency,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    periodFrom: localDate(s.periodStart),
    periodTo: localDate(new Date(s.periodEnd.getTime() - 1)),
    status: s.status,
    entryCount: s.entryCount,
    grossAmount: s.grossAmount,
    refundAmount: s.refundAmount,
    feeAmount: s.feeAmount,
    profitShareAmount: s.profitShareAmount,
    assetAmount: s.assetAmount,
    adjustmentAmount: s.adjustmentAmount,
    netAmount: s.netAmount,
    unreconciledAmount: s.unreconciledAmount,
    carriedEntries: s.carriedEntries,
    confirmedAt: s.confirmedAt,
    payout:
      s.status === "PAID_OUT"
        ? { reference: s.payoutReference, paidAt: s.payoutAt, note: s.payoutNote, account: s.payoutAccount as PayoutAccount | null, recordedAt: s.paidOutAt }
        : null,
    voidedAt: s.voidedAt,
    voidReason: s.voidReason,
    createdAt: s.createdAt,
  };
}
export type StatementView = ReturnType<typeof statementView>;

export type PayoutAccount = { holder: string | null; bank: string | null; account: string | null };

export function lineView(l: SettlementLine) {
  return {
    lineId: l.id.toString(),
    appId: l.appId,
    channelAccountId: l.channelAccountId,
    channel: l.channel,
    kind: l.kind,
    day: l.day.toISOString().slice(0, 10),
    entryCount: l.entryCount,
    amount: l.amount,
    fee: l.fee,
    net: l.net,
    reconciled: l.reconciled,
  };
}
export type LineView = ReturnType<typeof lineView>;

/**
 * What one app is told of a statement (the Open API, the settlement.* events): under the APP scope its own
 * statement; under MERCHANT or STORE only its own lines, and the figures summed from them — never another
 * app's amounts. No bank account, no internal note.
 */
export function appStatementView(s: SettlementStatement, appLines: SettlementLine[]) {
  const view = statementView(s);
  const figures = statementTotals(appLines);
  return {
    statementNo: view.statementNo,
    cycle: view.cycle,
    scope: view.scope,
    groupKey: view.scope === "APP" ? view.groupKey : undefined,
    currency: view.currency,
    periodStart: view.periodStart,
    periodEnd: view.periodEnd,
    periodFrom: view.periodFrom,
    periodTo: view.periodTo,
    status: view.status,
    ...figures,
    carriedEntries: view.scope === "APP" ? view.carriedEntries : undefined,
    payout: view.payout ? { reference: view.payout.reference, paidAt: view.payout.paidAt } : null,
    voidReason: view.voidReason,
    lines: appLines.map(lineView).map(({ lineId, appId, ...line }) => line),
  };
}
export type AppStatementView = ReturnType<typeof appStatementView>;
