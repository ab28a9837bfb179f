import { db } from "@/server/db";
import { ACTIVE_RUN_STATUSES, beijingDayRange, isBillDue } from "@/server/domain/reconciliation";
import { billDateText } from "./day-closure";

/**
 * closed: every channel account reconciled the day and nothing is left; open: differences wait for
 * finance; failed: a run failed; running: a run is under way; partial: some accounts reconciled it,
 * others not (yet); not_run: none did; future: the bill is not out yet.
 */
export type CalendarDayState = "closed" | "open" | "failed" | "running" | "partial" | "not_run" | "future";

export type CalendarDay = { date: string; state: CalendarDayState; open: number; runs: number; accounts: number };

type DayRun = { channelAccountId: string; status: string; openDifferences: number; closedAt: Date | null };

/** One day's state from its runs and the channel accounts that should have one. */
export function dayState(date: string, runs: DayRun[], expectedAccounts: number, now: Date): CalendarDayState {
  if (!isBillDue(date, now) && runs.length === 0) return "future";
  if (runs.length === 0) return "not_run";
  if (runs.some((r) => r.status === "FAILED")) return "failed";
  if (runs.some((r) => (ACTIVE_RUN_STATUSES as readonly string[]).includes(r.status))) return "running";
  if (runs.some((r) => r.openDifferences > 0 || !r.closedAt)) return "open";
  return runs.length < expectedAccounts ? "partial" : "closed";
}

function monthDays(month: string): string[] {
  const [year, mm] = month.split("-").map(Number);
  const count = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

/**
 * A month of bill days with their state, over the merchant's channel accounts that reconcile daily
 * (or the one chosen): what the reconciliation home's calendar shows.
 */
export async function runCalendar(merchantId: string, month: string, channelAccountId?: string, now = new Date()): Promise<CalendarDay[]> {
  const days = monthDays(month);
  const first = days[0];
  const last = days[days.length - 1];
  const [runs, accounts] = await Promise.all([
    db.reconRun.findMany({
      where: { merchantId, billDate: { gte: new Date(`${first}T00:00:00Z`), lte: new Date(`${last}T00:00:00Z`) }, ...(channelAccountId ? { channelAccountId } : {}) },
      select: { channelAccountId: true, billDate: true, status: true, openDifferences: true, closedAt: true },
    }),
    db.channelAccount.findMany({
      where: { merchantId, ...(channelAccountId ? { id: channelAccountId } : { reconEnabled: true }) },
      select: { id: true, createdAt: true },
    }),
  ]);
  const byDay = new Map<string, DayRun[]>();
  for (const run of runs) {
    const date = billDateText(run.billDate);
    byDay.set(date, [...(byDay.get(date) ?? []), run]);
  }
  return days.map((date) => {
    const dayRuns = byDay.get(date) ?? [];
    const end = beijingDayRange(date).to;
    const expected = new Set([...accounts.filter((a) => a.createdAt < end).map((a) => a.id), ...dayRuns.map((r) => r.channelAccountId)]).size;
    return {
      date,
      state: dayState(date, dayRuns, expected, now),
      open: dayRuns.reduce((sum, r) => sum + r.openDifferences, 0),
      runs: dayRuns.length,
      accounts: expected,
    };
  });
}
