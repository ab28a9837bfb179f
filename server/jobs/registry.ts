import type { CronItem, TaskList } from "graphile-worker";
import { DEFAULT_MAX_RUN_SECONDS, type JobDefinition } from "./define-job";
import { withTimeLimit } from "./time-limit";
import { sandboxNotify, sandboxSettleRefund } from "@/server/sandbox/jobs";
import { issueAfterSaleRefundsJob } from "./tasks/after-sale-jobs";
import { cleanupExpiredKeys } from "./tasks/cleanup-expired-keys";
import { expireCouponsJob } from "./tasks/coupon-jobs";
import { cleanupExpiredExports, runExport } from "./tasks/export-jobs";
import { runOrderImportJob } from "./tasks/order-import-jobs";
import { compactReportRollups } from "./tasks/report-jobs";
import { runReconciliationJob, scheduleReconciliationsJob } from "./tasks/recon-jobs";
import { cutDueStatementsJob } from "./tasks/settlement-jobs";
import { orderSweep } from "./tasks/order-jobs";
import { autoSplit, bindReceiver, executeSplit, syncSplit, syncSplitReturn, unbindReceiver } from "./tasks/profit-sharing-jobs";
import { driveTradeJob, tradeSentinelJob } from "./tasks/trade-jobs";
import { evaluateAlertsJob, sendAlertNotificationJob } from "./tasks/alert-jobs";
import { cleanupRiskCounters } from "./tasks/risk-jobs";
import { escalateComplaintsJob } from "./tasks/complaint-jobs";
import { barcodePoll } from "./tasks/barcode-jobs";
import { cleanupRequestLogs } from "./tasks/request-log-jobs";
import { closeAttempt, deliverWebhook, executeRefund, expireOrder, expireSweep, syncPayment, syncRefund } from "./tasks/payment-jobs";

/** Every job the worker runs. Add new jobs here. */
// The list holds jobs with different payload schemas.
export const JOBS: JobDefinition<any>[] = [
  cleanupExpiredKeys,
  syncPayment,
  expireOrder,
  expireSweep,
  closeAttempt,
  executeRefund,
  syncRefund,
  deliverWebhook,
  sandboxNotify,
  sandboxSettleRefund,
  runExport,
  cleanupExpiredExports,
  compactReportRollups,
  orderSweep,
  issueAfterSaleRefundsJob,
  runOrderImportJob,
  driveTradeJob,
  tradeSentinelJob,
  expireCouponsJob,
  runReconciliationJob,
  scheduleReconciliationsJob,
  bindReceiver,
  unbindReceiver,
  autoSplit,
  executeSplit,
  syncSplit,
  syncSplitReturn,
  cutDueStatementsJob,
  evaluateAlertsJob,
  sendAlertNotificationJob,
  cleanupRiskCounters,
  escalateComplaintsJob,
  barcodePoll,
  cleanupRequestLogs,
];

/** The task handlers a runner serves: all jobs, only some, or all but some (a runner fetches only jobs it has a task for). */
export function taskList(filter: { only?: string[]; except?: string[] } = {}): TaskList {
  const served = JOBS.filter((job) => (!filter.only || filter.only.includes(job.name)) && !filter.except?.includes(job.name));
  return Object.fromEntries(
    served.map((job) => [
      job.name,
      async (payload: unknown, helpers) =>
        withTimeLimit(job.name, (job.maxRunSeconds ?? DEFAULT_MAX_RUN_SECONDS) * 1000, () => job.run(job.payload.parse(payload ?? {}), helpers)),
    ]),
  );
}

export function cronItems(): CronItem[] {
  return JOBS.filter((job) => job.cron).map((job) => ({
    task: job.name,
    match: job.cron as string,
    identifier: job.name,
    options: { backfillPeriod: 0, maxAttempts: job.maxAttempts, ...(job.cronQueueName ? { queueName: job.cronQueueName } : {}) },
  }));
}
