import { Logger, parseCronItems, run, type Runner } from "graphile-worker";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { cronItems, taskList } from "./registry";

export type WorkerOptions = { connectionString: string; concurrency?: number; pollInterval?: number };

/** graphile-worker's log lines, through pino. */
const workerLogger = new Logger((scope) => (level, message, meta) => {
  const line = { scope: { label: scope.label, task: scope.taskIdentifier, jobId: scope.jobId }, ...meta };
  const method = level === "error" ? "error" : level === "warning" ? "warn" : level === "debug" ? "debug" : "info";
  logger[method](line, `worker: ${message}`);
});

/**
 * Starts the job runner (tasks + crontab) on the app's database. Runs inside the web process
 * (server/start-node.ts) or alone (`npm run worker`). Stop it before stopping PostgreSQL.
 *
 * Jobs are fetched for the whole pool at once (graphile-worker's local queue), and after a fetch
 * that found nothing the pool waits up to ~1.5 × pollInterval before fetching again, however many
 * "job added" notifications arrive: every created order adds its expiry job (due much later), and
 * without this each one woke a worker for a fetch that found nothing (docs/adr/0006). So a job due
 * at once may wait that long when the queue was idle.
 */
export async function startWorker(options: WorkerOptions): Promise<Runner> {
  const concurrency = options.concurrency ?? 5;
  const pollInterval = options.pollInterval ?? 1000;
  const runner = await run({
    connectionString: options.connectionString,
    concurrency,
    pollInterval,
    preset: { worker: { localQueue: { size: concurrency, refetchDelay: { durationMs: pollInterval } } } },
    noHandleSignals: true,
    logger: workerLogger,
    taskList: taskList(),
    parsedCronItems: parseCronItems(cronItems()),
  });
  runner.events.on("job:success", ({ job }) => metrics.jobsCompleted.inc({ task: job.task_identifier, outcome: "success" }));
  runner.events.on("job:error", ({ job }) => metrics.jobsCompleted.inc({ task: job.task_identifier, outcome: "error" }));
  runner.events.on("job:failed", ({ job }) => metrics.jobsCompleted.inc({ task: job.task_identifier, outcome: "failed" }));
  return runner;
}
