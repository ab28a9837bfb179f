import { loadEnvOrExit } from "./env";
import { startWorker } from "./jobs/worker";
import { logger } from "./observability/logger";

/**
 * What the web process does once at start (Node.js runtime only; see instrumentation.ts): validate
 * the environment — a missing or malformed variable stops the server with a message naming it —
 * and, unless WORKER_MODE=separate, run the job worker inside this process.
 */
export async function startNode(): Promise<void> {
  const env = loadEnvOrExit();
  if (env.WORKER_MODE !== "inline") return;
  const runner = await startWorker({ connectionString: env.DATABASE_URL, concurrency: env.WORKER_CONCURRENCY });
  logger.info({ concurrency: env.WORKER_CONCURRENCY }, "job worker started inside the web process");
  const stop = () => void runner.stop().catch(() => undefined);
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
