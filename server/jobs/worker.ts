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
 * Starts the job runner (tasks + crontab) on the app's database. Runs inside the Next.js process
 * (instrumentation.ts) or alone (`npm run worker`). Stop it before stopping PostgreSQL.
 */
export async function startWorker(options: WorkerOptions): Promise<Runner> {
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 5,
    pollInterval: options.pollInterval ?? 1000,
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
