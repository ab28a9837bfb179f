import { z } from "zod";
import { db } from "@/server/db";
import { logger } from "@/server/observability/logger";
import { defineJob } from "../define-job";

/**
 * Deletes Open API nonces past their replay window and idempotency keys past their 24 h.
 * Runs every 10 minutes; in bounded batches so a backlog never holds long locks.
 */
export const cleanupExpiredKeys = defineJob({
  name: "cleanup-expired-keys",
  payload: z.object({ batchSize: z.number().int().min(1).max(100_000).default(5_000) }).passthrough(),
  cron: "*/10 * * * *",
  maxAttempts: 3,
  async run({ batchSize }) {
    const nonces = await deleteInBatches(batchSize, (limit) => db.$executeRaw`
      DELETE FROM "ApiNonce" WHERE ctid IN (SELECT ctid FROM "ApiNonce" WHERE "expiresAt" < now() LIMIT ${limit})`);
    const keys = await deleteInBatches(batchSize, (limit) => db.$executeRaw`
      DELETE FROM "IdempotencyKey" WHERE ctid IN (SELECT ctid FROM "IdempotencyKey" WHERE "expiresAt" < now() LIMIT ${limit})`);
    logger.info({ nonces, idempotencyKeys: keys }, "expired keys cleaned up");
  },
});

async function deleteInBatches(batchSize: number, deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
