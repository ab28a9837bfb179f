import { randomBase32 } from "./ids";
import { SETTLED_KINDS, statementFigure } from "./ledger";
import { maskAccountNumber } from "./merchant-profile-schema";
import { addDays, dayStart, localDate } from "./report-range";

/**
 * Settlement (结算, docs/adr/0017): pure helpers of the statement cut. Days are Beijing calendar days
 * (UTC+8, as the reports and reconciliation count them).
 */
export const SETTLEMENT_CYCLES = ["T1", "D0"] as const;
export const SETTLEMENT_SCOPES = ["MERCHANT", "APP", "STORE"] as const;
export const SETTLEMENT_SOURCES = ["RECONCILED", "JOURNAL"] as const;
export const SETTLEMENT_STATUSES = ["DRAFT", "CONFIRMED", "PAID_OUT", "VOIDED"] as const;
export type SettlementCycle = (typeof SETTLEMENT_CYCLES)[number];
export type SettlementScope = (typeof SETTLEMENT_SCOPES)[number];
export type SettlementSource = (typeof SETTLEMENT_SOURCES)[number];
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/** Channel accounts of trade-center movements (buyer-assets.ts): nothing to reconcile, always reconciled. */
/**
 * SETTLED_KINDS as an SQL list of constants — `'payment', 'refund', …` — for the queries that look for
 * entries no statement has taken: written as constants (not parameters) so that PostgreSQL matches them to
 * the partial index "JournalEntry_unsettled", whose predicate names the same list (migration
 * 20261204163546). The kinds are our own identifiers, never input.
 */
export const SETTLED_KINDS_SQL = SETTLED_KINDS.map((kind) => {
  if (!/^[a-z_]+$/.test(kind)) throw new Error(`unexpected kind ${kind}`);
  return `'${kind}'`;
}).join(", ");

export const ALWAYS_RECONCILED_ACCOUNTS: readonly string[] = ["wallet", "points"];

const HOUR_MS = 3600_000;

/** [start, end) of a Beijing day, as UTC instants. */
export function dayPeriod(date: string): { start: Date; end: Date } {
  return { start: dayStart(date), end: dayStart(addDays(date, 1)) };
}

/** The Beijing day before the one `now` falls on: the last day a T1 cut may take. */
export function lastT1Day(now: Date): string {
  return addDays(localDate(now), -1);
}

/** The cutoff of a D0 cut made at `now`: the start of the current hour (whole-hour offset, so UTC's hour is Beijing's). */
export function d0Cutoff(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
}

/** What an entry is grouped under in a scope: "" for the merchant, the app, or the store ("" = no store). */
export function groupKeyOf(scope: SettlementScope, entry: { appId: string; storeId: string | null }): string {
  if (scope === "APP") return entry.appId;
  if (scope === "STORE") return entry.storeId ?? "";
  return "";
}

/** The SQL expression of the group key over a JournalEntry alias (kept in step with groupKeyOf). */
export function groupKeySql(scope: SettlementScope, alias: string): string {
  if (scope === "APP") return `${alias}."appId"`;
  if (scope === "STORE") return `COALESCE(${alias}."storeId", '')`;
  return `''`;
}

export type LineFigures = { kind: string; entryCount: number; amount: bigint; fee: bigint; net: bigint; reconciled: boolean };

export type StatementTotals = {
  entryCount: number;
  grossAmount: bigint;
  refundAmount: bigint;
  feeAmount: bigint;
  profitShareAmount: bigint;
  assetAmount: bigint;
  adjustmentAmount: bigint;
  netAmount: bigint;
  unreconciledAmount: bigint;
};

/**
 * A statement's figures from its lines. Each line adds its amount to the figure of its kind
 * (ledger.ts statementFigure) and its fee to the fees; net = gross + refunds − fees + shares + assets
 * + adjustments, which must equal Σ line.net (else the lines are inconsistent: throws).
 */
export function statementTotals(lines: readonly LineFigures[]): StatementTotals {
  const t: StatementTotals = {
    entryCount: 0,
    grossAmount: 0n,
    refundAmount: 0n,
    feeAmount: 0n,
    profitShareAmount: 0n,
    assetAmount: 0n,
    adjustmentAmount: 0n,
    netAmount: 0n,
    unreconciledAmount: 0n,
  };
  let lineNet = 0n;
  for (const line of lines) {
    t.entryCount += line.entryCount;
    t.feeAmount += line.fee;
    lineNet += line.net;
    if (!line.reconciled) t.unreconciledAmount += line.net;
    switch (statementFigure(line.kind)) {
      case "gross":
        t.grossAmount += line.amount;
        break;
      case "refund":
        t.refundAmount += line.amount;
        break;
      case "fee":
        t.feeAmount -= line.amount;
        break;
      case "profitShare":
        t.profitShareAmount += line.amount;
        break;
      case "asset":
        t.assetAmount += line.amount;
        break;
      case "adjustment":
        t.adjustmentAmount += line.amount;
        break;
    }
  }
  t.netAmount = t.grossAmount + t.refundAmount - t.feeAmount + t.profitShareAmount + t.assetAmount + t.adjustmentAmount;
  if (t.netAmount !== lineNet) throw new Error(`statement figures ${t.netAmount} disagree with its lines ${lineNet}`);
  return t;
}

/** Statement number: `ST` + Beijing yyyymmdd of its period's last day + 10 random Crockford characters. */
export function newStatementNo(periodEnd: Date): string {
  const lastDay = localDate(new Date(periodEnd.getTime() - 1));
  return `ST${lastDay.replaceAll("-", "")}${randomBase32(10)}`;
}

export const STATEMENT_NO_PATTERN = /^ST\d{8}[0-9A-HJKMNP-TV-Z]{10}$/;

/** What a payout keeps of the merchant's bank account: holder, bank, the number's last four digits only. */
export function payoutAccountSnapshot(profile: { bankName?: string; bankAccountName?: string; bankAccountLast4?: string }): {
  holder: string | null;
  bank: string | null;
  account: string | null;
} {
  return {
    holder: profile.bankAccountName || null,
    bank: profile.bankName || null,
    account: profile.bankAccountLast4 ? maskAccountNumber(profile.bankAccountLast4) : null,
  };
}
