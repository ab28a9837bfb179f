import { db } from "@/server/db";
import { BEIJING_OFFSET_MS, beijingDayRange, defaultBillDate } from "@/server/domain/reconciliation";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { startReconciliation } from "./start-run";

/** The hour of the day (0–23) in Beijing. */
function beijingHour(now: Date): number {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).getUTCHours();
}

/**
 * The hourly schedule (job schedule-reconciliations): every enabled channel account with
 * reconciliation on whose hour (Beijing) has come today and whose yesterday has no run yet gets one.
 * An account added after yesterday ended is left out: it had no trades that day and the calendar does not
 * expect its run (run-calendar.ts), so a run would only fail on a bill that cannot exist.
 * Started at most once per day: a failed or finished run is not started again by the schedule
 * (finance reruns it from the console). Returns the runs started.
 */
export async function scheduleReconciliations(now: Date = new Date()): Promise<string[]> {
  const billDate = defaultBillDate(now);
  const accounts = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM "ChannelAccount" a
    WHERE a.status = 'ENABLED' AND a."reconEnabled" AND a."reconHour" <= ${beijingHour(now)}
      AND a."createdAt" < ${beijingDayRange(billDate).to}
      AND NOT EXISTS (SELECT 1 FROM "ReconRun" r WHERE r."channelAccountId" = a.id AND r."billDate" = ${billDate}::date)
    ORDER BY a.id`;
  const started: string[] = [];
  for (const { id } of accounts) {
    try {
      started.push((await startReconciliation({ channelAccountId: id, billDate, trigger: "schedule" })).id);
    } catch (error) {
      // another scheduler got there first (two workers, one hour): nothing to do
      if (error instanceof AppError && error.code === "RECONCILIATION_IN_PROGRESS") continue;
      logger.error({ err: error, channelAccountId: id, billDate }, "could not start the scheduled reconciliation");
    }
  }
  return started;
}
