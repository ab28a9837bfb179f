import type { CronItem, TaskList } from "graphile-worker";
import type { JobDefinition } from "./define-job";
import { sandboxNotify, sandboxSettleRefund } from "@/server/sandbox/jobs";
import { cleanupExpiredKeys } from "./tasks/cleanup-expired-keys";
import { cleanupExpiredExports, runExport } from "./tasks/export-jobs";
import { compactReportRollups } from "./tasks/report-jobs";
import { closeAttempt, deliverWebhook, executeRefund, expireOrder, syncPayment, syncRefund } from "./tasks/payment-jobs";

/** Every job the worker runs. Add new jobs here. */
// The list holds jobs with different payload schemas.
export const JOBS: JobDefinition<any>[] = [
  cleanupExpiredKeys,
  syncPayment,
  expireOrder,
  closeAttempt,
  executeRefund,
  syncRefund,
  deliverWebhook,
  sandboxNotify,
  sandboxSettleRefund,
  runExport,
  cleanupExpiredExports,
  compactReportRollups,
];

export function taskList(): TaskList {
  return Object.fromEntries(
    JOBS.map((job) => [job.name, async (payload: unknown, helpers) => job.run(job.payload.parse(payload ?? {}), helpers)]),
  );
}

export function cronItems(): CronItem[] {
  return JOBS.filter((job) => job.cron).map((job) => ({
    task: job.name,
    match: job.cron as string,
    identifier: job.name,
    options: { backfillPeriod: 0, maxAttempts: job.maxAttempts },
  }));
}
