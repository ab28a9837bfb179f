import { z } from "zod";
import { defineJob } from "../define-job";

/**
 * Reconciliation jobs (docs/adr/0016). Definitions only; handlers are imported lazily so that
 * starting a run never pulls the channel plugins into the caller.
 */

/** One run: download, stage, match, repair. A channel that cannot answer is retried with graphile-worker's backoff. */
export const runReconciliationJob = defineJob({
  name: "run-reconciliation",
  payload: z.object({ runId: z.string() }),
  maxAttempts: 6,
  // a day of 10^6 bill rows takes about a minute here; leave room for slow channels and big bills
  maxRunSeconds: 30 * 60,
  run: async (payload) => (await import("@/server/services/reconciliation/run-reconciliation")).runReconciliation(payload),
});

/** Every hour: start yesterday's run of each account whose reconciliation hour (Beijing) has come. */
export const scheduleReconciliationsJob = defineJob({
  name: "schedule-reconciliations",
  payload: z.object({}),
  maxAttempts: 3,
  cron: "5 * * * *",
  run: async () => {
    await (await import("@/server/services/reconciliation/schedule-runs")).scheduleReconciliations();
  },
});
