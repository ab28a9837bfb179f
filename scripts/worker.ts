/**
 * `npm run worker` — the job worker as its own process, for deployments that run the web nodes with
 * WORKER_MODE=separate. Uses DATABASE_URL (the same database as the web nodes). Scale out by
 * running more of these: graphile-worker hands each job to one worker.
 */
import "dotenv/config";
import { loadEnvOrExit } from "../server/env";
import { isGraphileShutdownRejection } from "../server/jobs/benign-rejection";
import { startWorker } from "../server/jobs/worker";
import { logger } from "../server/observability/logger";
import { replicaMonitor } from "../server/read-db";
import { stopChannelMetrics } from "../server/services/monitoring/channel-metrics-recorder";

// PostgreSQL restarting must not end the worker (server/jobs/benign-rejection.ts); anything else still does.
process.on("unhandledRejection", (reason) => {
  if (!isGraphileShutdownRejection(reason)) throw reason;
  logger.warn({ err: reason }, "job runner shut down without its database; it is started again");
});

const env = loadEnvOrExit();
replicaMonitor(); // with DATABASE_REPLICA_URL: exports and the REPLICA_LAG alert read its verdict (docs/adr/0034)
const runner = await startWorker({ connectionString: env.DATABASE_URL, concurrency: env.WORKER_CONCURRENCY, webhookConcurrency: env.WEBHOOK_CONCURRENCY, deadAfterSeconds: env.WORKER_DEAD_AFTER_SECONDS }).catch((error: Error) => {
  console.error(`[paycenter] the job worker could not start on DATABASE_URL: ${error.message}`);
  process.exit(1);
});
logger.info({ concurrency: env.WORKER_CONCURRENCY }, "job worker started");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping job worker");
    await runner.stop();
    await stopChannelMetrics();
  });
}
await runner.promise;
logger.info("job worker stopped");
