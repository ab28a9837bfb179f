import { loadEnvOrExit } from "./env";
import { startWorker } from "./jobs/worker";
import { logger } from "./observability/logger";
import { replicaMonitor } from "./read-db";
import { stopChannelMetrics } from "./services/monitoring/channel-metrics-recorder";
import { stopRequestLogs } from "./services/request-logs/request-log-buffer";

/** What this process buffered and writes before it ends: channel metrics, the Open API's request log. */
const flushBuffers = () => Promise.all([stopChannelMetrics(), stopRequestLogs()]).then(() => undefined);

type NodeHandle = { stop(): Promise<void> };

const started = globalThis as { __paycenterNode?: Promise<NodeHandle> };

/**
 * What the web process does once at start: validate the environment — a missing or malformed
 * variable stops the server with a message naming it — and, unless WORKER_MODE=separate, run the
 * job worker inside this process. Once per process: the production server (scripts/server) calls it
 * first and stops the worker in its own shutdown sequence; under `next dev` the instrumentation hook
 * is the first caller and asks for the worker to stop on SIGINT/SIGTERM.
 */
export function startNode(options: { stopOnSignal: boolean }): Promise<NodeHandle> {
  started.__paycenterNode ??= start(options.stopOnSignal);
  return started.__paycenterNode;
}

async function start(stopOnSignal: boolean): Promise<NodeHandle> {
  const env = loadEnvOrExit();
  // With a read replica, sample its lag from the start: the first scrape of /api/metrics then shows it, not a default 0.
  replicaMonitor();
  // the channel metrics this process accumulated are written before it ends (either mode)
  if (env.WORKER_MODE !== "inline") return { stop: flushBuffers };
  const runner = await startWorker({ connectionString: env.DATABASE_URL, concurrency: env.WORKER_CONCURRENCY, webhookConcurrency: env.WEBHOOK_CONCURRENCY, deadAfterSeconds: env.WORKER_DEAD_AFTER_SECONDS });
  logger.info({ concurrency: env.WORKER_CONCURRENCY }, "job worker started inside the web process");
  let stopping: Promise<void> | undefined;
  const handle = { stop: () => (stopping ??= runner.stop().catch(() => undefined).then(flushBuffers)) };
  if (stopOnSignal) {
    process.once("SIGTERM", () => void handle.stop());
    process.once("SIGINT", () => void handle.stop());
  }
  return handle;
}
