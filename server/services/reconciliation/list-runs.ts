import { db } from "@/server/db";
import { ACTIVE_RUN_STATUSES, defaultBillDate, shiftDate } from "@/server/domain/reconciliation";
import type { RunFilters } from "@/server/domain/reconciliation-schema";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { billDateText } from "./day-closure";

/** How far back the runs list reaches without a `from`, and at most. */
const DEFAULT_DAYS = 31;
const MAX_DAYS = 366;

const RUN_SELECT = {
  id: true,
  channelAccountId: true,
  channel: true,
  billDate: true,
  status: true,
  trigger: true,
  billRows: true,
  billPaymentCount: true,
  billPaymentAmount: true,
  billRefundCount: true,
  billRefundAmount: true,
  billFee: true,
  localPaymentCount: true,
  localPaymentAmount: true,
  localRefundCount: true,
  localRefundAmount: true,
  localFee: true,
  matched: true,
  missingLocal: true,
  missingChannel: true,
  amountMismatch: true,
  feeMismatch: true,
  statusMismatch: true,
  expected: true,
  repaired: true,
  openDifferences: true,
  closedAt: true,
  errorCode: true,
  errorMessage: true,
  startedAt: true,
  endedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ReconRunSelect;

type RunRow = Prisma.ReconRunGetPayload<{ select: typeof RUN_SELECT }>;

/** A run as the pages show it: its day as text, whether it is under way, the differences it found. */
export function runView(run: RunRow, accountNames: Map<string, string>) {
  return {
    ...run,
    billDate: billDateText(run.billDate),
    channelAccountName: accountNames.get(run.channelAccountId) ?? run.channelAccountId,
    active: (ACTIVE_RUN_STATUSES as readonly string[]).includes(run.status),
    differences: run.missingLocal + run.missingChannel + run.amountMismatch + run.feeMismatch + run.statusMismatch,
  };
}
export type RunView = ReturnType<typeof runView>;

export async function accountNamesOf(merchantId: string): Promise<Map<string, string>> {
  const accounts = await db.channelAccount.findMany({ where: { merchantId }, select: { id: true, name: true } });
  return new Map(accounts.map((a) => [a.id, a.name]));
}

/** The bill-day window of the list: [from, to], `to` defaulting to yesterday and the span capped. */
export function runWindow(filters: { from?: string; to?: string }, now = new Date()): { from: string; to: string } {
  const to = filters.to ?? (filters.from && filters.from > defaultBillDate(now) ? filters.from : defaultBillDate(now));
  const earliest = shiftDate(to, -(MAX_DAYS - 1));
  const from = filters.from ? (filters.from < earliest ? earliest : filters.from) : shiftDate(to, -(DEFAULT_DAYS - 1));
  return { from, to };
}

/** The merchant's runs between two bill days (newest day first), optionally of one channel account. */
export async function listRuns(merchantId: string, filters: RunFilters) {
  const window = runWindow(filters);
  const runs = await db.reconRun.findMany({
    where: {
      merchantId,
      billDate: { gte: new Date(`${window.from}T00:00:00Z`), lte: new Date(`${window.to}T00:00:00Z`) },
      ...(filters.channelAccountId ? { channelAccountId: filters.channelAccountId } : {}),
    },
    orderBy: [{ billDate: "desc" }, { channelAccountId: "asc" }],
    take: 1000,
    select: RUN_SELECT,
  });
  const names = await accountNamesOf(merchantId);
  return { ...window, runs: runs.map((r) => runView(r, names)) };
}

/** One run with its figures, or null (the router answers RECONCILIATION_NOT_FOUND). */
export async function findRun(merchantId: string, runId: string) {
  const run = await db.reconRun.findFirst({ where: { id: runId, merchantId }, select: RUN_SELECT });
  if (!run) return null;
  return runView(run, await accountNamesOf(merchantId));
}
