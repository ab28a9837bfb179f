import { z } from "zod";
import { defineJob } from "../define-job";

/**
 * Risk control jobs (docs/adr/0018). Definitions only; handlers live in the services and are imported lazily.
 */

/** No risk window reaches back more than 7 days: buckets older than 8 are deleted, hourly. */
export const RISK_COUNTER_RETENTION_DAYS = 8;

export const cleanupRiskCounters = defineJob({
  name: "cleanup-risk-counters",
  payload: z.object({}).passthrough(),
  cron: "17 * * * *",
  maxAttempts: 3,
  run: async () => {
    const { deleteCountersBefore } = await import("@/server/services/risk/counters");
    const { logger } = await import("@/server/observability/logger");
    const deleted = await deleteCountersBefore(new Date(Date.now() - RISK_COUNTER_RETENTION_DAYS * 86_400_000));
    logger.info({ deleted }, "risk counter buckets cleaned up");
  },
});
