import { createTranslator } from "next-intl";
import { db } from "@/server/db";
import { minorToDecimal, parseCurrency, type Currency } from "@/server/domain/money";
import { localDate } from "@/server/domain/report-range";
import en from "@/server/i18n/messages/en.json";
import zh from "@/server/i18n/messages/zh-CN.json";

export type DocumentLocale = "zh-CN" | "en";

/** A statement as both documents print it: every figure already a decimal string in 元 (from bigint, never a float). */
export type StatementDocument = {
  locale: DocumentLocale;
  statementNo: string;
  merchantName: string;
  mchNo: string;
  currency: Currency;
  period: string;
  cycle: string;
  status: string;
  group: string;
  /** [label, amount in 元] in the order the statement adds them up. */
  summary: { label: string; amount: string; strong?: boolean }[];
  entryCount: number;
  lines: { day: string; app: string; channel: string; kind: string; count: number; amount: string; fee: string; net: string; reconciled: boolean }[];
  hasUnreconciled: boolean;
  payout: { label: string; value: string }[] | null;
  generatedAt: string;
  labels: {
    heading: string;
    merchant: string;
    mchNo: string;
    statementNo: string;
    period: string;
    cycle: string;
    status: string;
    currency: string;
    group: string;
    summary: string;
    item: string;
    amountYuan: string;
    lines: string;
    payout: string;
    noLines: string;
    unreconciledNote: string;
    sheetSummary: string;
    sheetLines: string;
    reconciled: string;
    yes: string;
    no: string;
    columns: { day: string; app: string; channel: string; kind: string; count: string; amount: string; fee: string; net: string };
  };
  /** "Page 1 of 3" */
  page: (page: number, pages: number) => string;
};

/** "2026-12-03 14:05", Beijing time. */
export function beijingMinute(at: Date): string {
  return `${localDate(at)} ${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
}

function translator(locale: DocumentLocale) {
  return createTranslator({ locale, messages: locale === "en" ? en : zh });
}

function maskedAccount(account: unknown): string | null {
  if (!account || typeof account !== "object") return null;
  const a = account as Record<string, unknown>;
  const parts = [a.holder, a.bank, a.account]
    .filter((p): p is string => typeof p === "string" && p.length > 0);
  return parts.length ? parts.join(" · ") : null;
}

/**
 * Loads a statement of the merchant with its lines, the merchant's name and the apps' names, and words it in the
 * locale. Null when the merchant has no statement of that number.
 */
export async function loadStatementDocument(merchantId: string, statementNo: string, locale: DocumentLocale, now = new Date()): Promise<StatementDocument | null> {
  const statement = await db.settlementStatement.findFirst({
    where: { statementNo, merchantId },
    include: { lines: { orderBy: [{ day: "asc" }, { appId: "asc" }, { channel: "asc" }, { kind: "asc" }, { id: "asc" }] } },
  });
  if (!statement) return null;
  const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { name: true, mchNo: true } });
  const appIds = [...new Set(statement.lines.map((l) => l.appId).concat(statement.scope === "APP" && statement.groupKey ? [statement.groupKey] : []))];
  const apps = new Map((await db.app.findMany({ where: { id: { in: appIds } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]));
  const t = translator(locale);
  const currency = parseCurrency(statement.currency);
  const yuan = (minor: bigint) => minorToDecimal(minor, currency);
  const kindLabel = (kind: string) => (kind in zh.ledger.kinds ? t(`ledger.kinds.${kind as keyof typeof zh.ledger.kinds}`) : kind);
  const channelLabel = (channel: string) => (channel in zh.channel ? t(`channel.${channel as keyof typeof zh.channel}`) : channel);
  const group =
    statement.scope === "MERCHANT"
      ? t("settlement.groups.merchant")
      : statement.scope === "APP"
        ? t("settlement.groups.app", { name: apps.get(statement.groupKey) ?? statement.groupKey })
        : statement.groupKey
          ? t("settlement.groups.store", { name: statement.groupKey })
          : t("settlement.groups.noStore");
  const s = (key: keyof typeof zh.settlement.summary) => t(`settlement.summary.${key}`);
  const summary = [
    { label: s("gross"), amount: yuan(statement.grossAmount) },
    { label: s("refunds"), amount: yuan(statement.refundAmount) },
    // fees are stored positive when charged; the statement subtracts them
    { label: s("fees"), amount: yuan(-statement.feeAmount) },
    { label: s("profitShares"), amount: yuan(statement.profitShareAmount) },
    { label: s("assets"), amount: yuan(statement.assetAmount) },
    { label: s("adjustments"), amount: yuan(statement.adjustmentAmount) },
    { label: s("net"), amount: yuan(statement.netAmount), strong: true },
    ...(statement.unreconciledAmount !== 0n ? [{ label: s("unreconciled"), amount: yuan(statement.unreconciledAmount) }] : []),
  ];
  const payout =
    statement.status === "PAID_OUT" && statement.payoutReference
      ? [
          { label: t("settlement.payout.reference"), value: statement.payoutReference },
          ...(statement.payoutAt ? [{ label: t("settlement.payout.paidAt"), value: localDate(statement.payoutAt) }] : []),
          ...(maskedAccount(statement.payoutAccount) ? [{ label: t("settlement.payout.account"), value: maskedAccount(statement.payoutAccount) as string }] : []),
          ...(statement.payoutNote ? [{ label: t("settlement.payout.note"), value: statement.payoutNote }] : []),
          ...(statement.paidOutAt ? [{ label: t("settlement.payout.recordedAt"), value: beijingMinute(statement.paidOutAt) }] : []),
        ]
      : null;
  const d = (key: keyof typeof zh.settlement.doc) => t(`settlement.doc.${key}`);
  const l = (key: keyof typeof zh.settlement.lines) => t(`settlement.lines.${key}`);
  return {
    locale,
    statementNo: statement.statementNo,
    merchantName: merchant.name,
    mchNo: merchant.mchNo,
    currency,
    period: t("settlement.periodValue", { start: beijingMinute(statement.periodStart), end: beijingMinute(statement.periodEnd) }),
    cycle: t(`settlement.cycles.${statement.cycle}`),
    status: t(`settlement.statuses.${statement.status}`),
    group,
    summary,
    entryCount: statement.entryCount,
    lines: statement.lines.map((line) => ({
      day: line.day.toISOString().slice(0, 10),
      app: apps.get(line.appId) ?? line.appId,
      channel: channelLabel(line.channel),
      kind: kindLabel(line.kind),
      count: line.entryCount,
      amount: yuan(line.amount),
      fee: yuan(line.fee),
      net: yuan(line.net),
      reconciled: line.reconciled,
    })),
    hasUnreconciled: statement.lines.some((line) => !line.reconciled),
    payout,
    generatedAt: t("settlement.doc.generatedAt", { time: beijingMinute(now) }),
    labels: {
      heading: d("heading"),
      merchant: d("merchant"),
      mchNo: d("mchNo"),
      statementNo: d("statementNo"),
      period: d("period"),
      cycle: d("cycle"),
      status: d("status"),
      currency: d("currency"),
      group: t("settlement.group"),
      summary: d("summary"),
      item: d("item"),
      amountYuan: d("amountYuan"),
      lines: d("lines"),
      payout: d("payout"),
      noLines: d("noLines"),
      unreconciledNote: d("unreconciledNote"),
      sheetSummary: d("sheetSummary"),
      sheetLines: d("sheetLines"),
      reconciled: d("reconciled"),
      yes: d("yes"),
      no: d("no"),
      columns: { day: l("day"), app: l("app"), channel: l("channel"), kind: l("kind"), count: l("count"), amount: l("amount"), fee: l("fee"), net: l("net") },
    },
    page: (page, pages) => t("settlement.doc.page", { page, pages }),
  };
}

/** The file name of a statement's document: its number, which is safe in a header (letters, digits, -, _). */
export function statementFileName(statementNo: string, ext: "pdf" | "xlsx"): string {
  return `${statementNo.replace(/[^0-9A-Za-z_-]/g, "_")}.${ext}`;
}
