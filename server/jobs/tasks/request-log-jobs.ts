import { z } from "zod";
import { db } from "@/server/db";
import { loadEnv } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { defineJob } from "../define-job";

/**
 * Deletes request log rows older than REQUEST_LOG_DAYS (docs/adr/0030). Hourly, in bounded batches
 * by the createdAt index, so a backlog never holds a long lock against the log's writers.
 */
export const cleanupRequestLogs = defineJob({
  name: "cleanup-request-logs",
  payload: z.object({ batchSize: z.number().int().min(1).max(100_000).default(5_000) }).passthrough(),
  cron: "17 * * * *",
  maxAttempts: 3,
  async run({ batchSize }) {
    const days = loadEnv().REQUEST_LOG_DAYS;
    let deleted = 0;
    for (;;) {
      const batch = await db.$executeRaw`
        DELETE FROM "ApiRequestLog" WHERE id IN (SELECT id FROM "ApiRequestLog" WHERE "createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(days => ${days}::int) ORDER BY "createdAt" LIMIT ${batchSize})`;
      deleted += batch;
      if (batch < batchSize) break;
    }
    logger.info({ deleted, days }, "old request log rows deleted");
  },
});
