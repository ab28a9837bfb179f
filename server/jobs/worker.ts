import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { Logger, parseCronItems, run, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { isMultiHostUrl } from "@/server/db-hosts";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { resolveSingleHostUrl } from "@/server/pg-pool";
import { heartbeatTiming, startHeartbeat, type Heartbeat } from "./heartbeat";
import { cronItems, taskList } from "./registry";
import { deliverWebhook, expireSweep } from "./tasks/payment-jobs";
import { orderSweep } from "./tasks/order-jobs";
import { evaluateAlertsJob } from "./tasks/alert-jobs";

const WEBHOOK_TASK = deliverWebhook.name;

/**
 * The webhook runner polls more often than the others. Its jobs sit in named queues (the app's lanes),
 * and graphile-worker takes one job per queue per fetch; after a fetch short of its batch it waits a
 * poll interval. Measured here, 200 deliveries of one app to an endpoint answering at once: 57 s at
 * 1 s (3.5/s; the chaos suite's backlog took a minute to drain), 13.7 s at 250 ms (15/s), 7.2 s at
 * 100 ms. 250 ms: four times the throughput for one cheap, indexed fetch every 250 ms per idle worker.
 */
const WEBHOOK_POLL_MS = 250;

export type WorkerOptions = {
  connectionString: string;
  /** Slots for payment, refund and sandbox jobs. */
  concurrency?: number;
  /** Slots for webhook deliveries, apart from the others (a slow merchant endpoint never holds up a payment job). */
  webhookConcurrency?: number;
  pollInterval?: number;
  /** A worker pool silent this long is dead and what it held is released (WORKER_DEAD_AFTER_SECONDS, default 30; heartbeat.ts). */
  deadAfterSeconds?: number;
};

/** The worker: two runners on one database, stopped together. */
export type JobWorker = { stop(): Promise<void>; promise: Promise<void> };

/** graphile-worker's log lines, through pino. */
const workerLogger = new Logger((scope) => (level, message, meta) => {
  const line = { scope: { label: scope.label, task: scope.taskIdentifier, jobId: scope.jobId }, ...meta };
  // "Completed task …" for every job (the expiry sweep alone runs every 5 s) is debug; failures stay loud.
  const routine = level === "info" && message.startsWith("Completed task");
  const method = level === "error" ? "error" : level === "warning" ? "warn" : level === "debug" || routine ? "debug" : "info";
  logger[method](line, `worker: ${message}`);
});

/**
 * Starts the job runners (tasks + crontab) on the app's database. Runs inside the web process
 * (server/start-node.ts) or alone (`npm run worker`). Stop it before stopping PostgreSQL.
 *
 * Webhook deliveries get a runner of their own: each may wait up to 10 s on a merchant's endpoint, and
 * must never take the slots of payment jobs (status sync, expiry, refunds). Within it, one app's
 * deliveries go through at most WEBHOOK_LANES_PER_APP named queues (record-event.ts), so one slow or dead
 * endpoint holds at most that many of the slots and other merchants' deliveries go on.
 *
 * Jobs are fetched for the whole pool at once (graphile-worker's local queue), and after a fetch
 * that found nothing the pool waits up to ~1.5 × pollInterval before fetching again, however many
 * "job added" notifications arrive: every job added far in the future (status sync, retries) would
 * otherwise wake a worker for a fetch that found nothing (docs/adr/0006). So a job due
 * at once may wait that long when the queue was idle.
 *
 * Both runners' pools beat (heartbeat.ts): what a killed worker process held — its running and
 * prefetched jobs, the webhook lanes they locked — is released by the others, or by the next worker
 * to start, within deadAfterSeconds + one beat, instead of graphile-worker's 4 hours (docs/adr/0012).
 *
 * With several hosts in the URL (docs/adr/0034) each runner is pinned to the server that was the primary
 * when it started (runnerServer below): it fetches, and records outcomes, on that server only, and ends
 * when that server goes away; a new runner starts on the new primary.
 */
export async function startWorker(options: WorkerOptions): Promise<JobWorker> {
  const pollInterval = options.pollInterval ?? 1000;
  const heartbeat = startHeartbeat(options.connectionString, heartbeatTiming(options.deadAfterSeconds ?? 30));
  const specs: RunnerSpec[] = [
    { name: "payments", concurrency: options.concurrency ?? 5, tasks: taskList({ except: [WEBHOOK_TASK] }), withCron: true, pollInterval },
    {
      name: "webhooks",
      concurrency: options.webhookConcurrency ?? 16,
      tasks: taskList({ only: [WEBHOOK_TASK] }),
      withCron: false,
      pollInterval: Math.min(pollInterval, WEBHOOK_POLL_MS),
    },
  ];
  const runners: KeptRunner[] = [];
  try {
    for (const spec of specs) runners.push(await keepRunning(spec, options.connectionString, heartbeat));
    // Start the expiry sweep's chain now (it reschedules itself; cron restarts it should it ever break).
    await runners[0]!.current().addJob(expireSweep.name, {}, { jobKey: expireSweep.name });
    await runners[0]!.current().addJob(orderSweep.name, {}, { jobKey: orderSweep.name });
    await runners[0]!.current().addJob(evaluateAlertsJob.name, {}, { jobKey: evaluateAlertsJob.name });
  } catch (error) {
    await Promise.all(runners.map((runner) => runner.stop()));
    await heartbeat.stop();
    throw error;
  }
  return {
    stop: async () => {
      // The runners first (they release their locks), then the beats: a pool still finishing a job must not look dead.
      await Promise.all(runners.map((runner) => runner.stop()));
      await heartbeat.stop();
    },
    promise: Promise.all(runners.map((runner) => runner.promise)).then(() => undefined),
  };
}

type RunnerSpec = { name: string; concurrency: number; tasks: TaskList; withCron: boolean; pollInterval: number };
type KeptRunner = { current(): Runner; stop(): Promise<void>; promise: Promise<void> };

/**
 * A runner that is started again when it stops by itself. graphile-worker shuts a pool down when it
 * cannot record a job's outcome (PostgreSQL restarting, a failover); the process would otherwise go
 * on without a worker — in the default inline mode, a web server that never runs a job again. The
 * stopped pool is no longer beaten for, so whatever it left locked is released within the bound.
 */
async function keepRunning(spec: RunnerSpec, connectionString: string, heartbeat: Heartbeat): Promise<KeptRunner> {
  let current = await startRunner(spec, connectionString, heartbeat);
  let stopping = false;
  const stopped = new AbortController();
  const promise = (async () => {
    for (;;) {
      const ended = current.runner.promise.then(
        () => "stopped" as const,
        (error: unknown) => {
          logger.error({ err: error, runner: spec.name }, "job runner failed");
          return "stopped" as const;
        },
      );
      const why = await Promise.race([ended, current.replaced]);
      if (stopping) return; // stopped on purpose: its locks are released, its beat row goes with heartbeat.stop()
      heartbeat.remove(current.poolId);
      if (why !== "stopped") {
        // Its jobs' locks go with its beats; it may never finish stopping (its server gone), so nobody waits for it.
        void current.runner.stop().catch(() => undefined);
        logger.error({ runner: spec.name, why }, "job runner replaced: starting a new one");
      } else {
        logger.error({ runner: spec.name }, "job runner stopped by itself (database unreachable?): starting it again");
      }
      for (let attempt = 0; ; attempt++) {
        const waited = await sleep(Math.min(30_000, 1_000 * 2 ** attempt), true, { signal: stopped.signal }).catch(() => false);
        if (!waited || stopping) return;
        try {
          current = await startRunner(spec, connectionString, heartbeat);
          break;
        } catch (error) {
          logger.error({ err: error, runner: spec.name }, "job runner could not start; trying again");
        }
      }
      if (stopping) await current.runner.stop().catch(() => undefined);
    }
  })();
  return {
    current: () => current.runner,
    stop: async () => {
      stopping = true;
      stopped.abort();
      await current.runner.stop().catch(() => undefined);
      await promise;
    },
    promise,
  };
}

type Replaced = "stalled" | "server gone";
type StartedRunner = {
  runner: Runner;
  poolId: string;
  /** Resolves when the heartbeat finds the pool stalled, or when the server it is pinned to goes away. */
  replaced: Promise<Replaced>;
};

async function startRunner(spec: RunnerSpec, connectionString: string, heartbeat: Heartbeat): Promise<StartedRunner> {
  const { pollInterval } = spec;
  // What the pool does, for the heartbeat's proof of work (heartbeat.ts PoolWatch).
  const runningIds = new Set<string>();
  const endedAt = new Map<string, number>();
  let lastProgressAt = Date.now();
  const activity = () => {
    for (const [id, at] of endedAt) if (Date.now() - at > heartbeat.timing.deadAfterMs) endedAt.delete(id);
    return { running: runningIds.size, lastProgressAt, busyJobIds: [...runningIds, ...endedAt.keys()] };
  };
  let replace: (why: Replaced) => void = () => undefined;
  const replaced = new Promise<Replaced>((resolve) => (replace = resolve));
  // The pool's id (its locked_by) is only told through this event, emitted before run() resolves.
  let poolId = "";
  const events: WorkerEvents = new EventEmitter();
  events.on("pool:create", ({ workerPool }) => {
    poolId = workerPool.id;
    heartbeat.add(workerPool.id, spec.name, { tasks: Object.keys(spec.tasks), activity, onStall: () => replace("stalled") });
  });
  // a run ends with job:success or job:error (its outcome may still be on its way to the database)
  events.on("job:start", ({ job }) => {
    runningIds.add(job.id);
    lastProgressAt = Date.now();
  });
  const ended = ({ job }: { job: { id: string } }) => {
    runningIds.delete(job.id);
    endedAt.set(job.id, Date.now());
    lastProgressAt = Date.now();
  };
  events.on("job:success", ended);
  events.on("job:error", ended);
  // one connection per slot, plus the runner's own (graphile warns when the pool is smaller than the slots)
  const maxPoolSize = spec.concurrency + 2;
  const server = await runnerServer(connectionString, spec.name, { max: maxPoolSize, checkMs: Math.min(1_000, heartbeat.timing.beatMs), patienceMs: heartbeat.timing.deadAfterMs }, () => replace("server gone"));
  const pgPool = server?.pool;
  let runner: Runner;
  try {
    runner = await run({
      events,
      ...(pgPool ? { pgPool } : { connectionString }),
      concurrency: spec.concurrency,
      maxPoolSize,
      pollInterval,
      preset: {
        worker: {
          localQueue: { size: spec.concurrency, refetchDelay: { durationMs: pollInterval } },
          // Record outcomes through graphile's batcher (same tick): without it, a completion that fails
          // because PostgreSQL went away is a floating promise whose rejection kills the process; with
          // it, the pool shuts down and keepRunning starts it again.
          completeJobBatchDelay: 0,
          failJobBatchDelay: 0,
        },
      },
      noHandleSignals: true,
      logger: workerLogger,
      taskList: spec.tasks,
      parsedCronItems: spec.withCron ? parseCronItems(cronItems()) : [],
    });
  } catch (error) {
    server?.close();
    throw error;
  }
  if (server) void runner.promise.catch(() => undefined).finally(() => server.close());
  runner.events.on("job:success", ({ job }) => metrics.jobsCompleted.inc({ task: job.task_identifier, outcome: "success" }));
  runner.events.on("job:error", ({ job }) => metrics.jobsCompleted.inc({ task: job.task_identifier, outcome: "error" }));
  runner.events.on("job:failed", ({ job }) => metrics.jobsCompleted.inc({ task: job.task_identifier, outcome: "failed" }));
  return { runner, poolId, replaced };
}

/**
 * With several hosts in DATABASE_URL (docs/adr/0034): the runner's pool on ONE server, the primary of the
 * moment, resolved once. A pool that followed the primary could fetch a job on the old primary, run it — the
 * handler writing there, lost with it under asynchronous replication — and record its completion (delete the
 * job) on the new one: the failover drill lost a webhook delivery that way, left PENDING with no job. Pinned, a
 * completion can only land on the server the job was fetched from. Every second the server is asked whether it
 * is still a writable primary; a read-only answer, two refused connections in a row, or asks failing for
 * `patienceMs` (timeouts: a busy machine is not a dead server — the drill saw a false "gone" at 2 s) and `gone`
 * is called: the runner is replaced by one on the new primary (keepRunning), and what it held there is released
 * as a dead pool's.
 * One host: undefined (graphile-worker's own pool, on that server).
 */
async function runnerServer(
  connectionString: string,
  runnerName: string,
  options: { max: number; checkMs: number; patienceMs: number },
  gone: () => void,
): Promise<{ pool: pg.Pool; close(): void } | undefined> {
  if (!isMultiHostUrl(connectionString)) return undefined;
  const url = await resolveSingleHostUrl(connectionString);
  const pool = new pg.Pool({ connectionString: url, max: options.max });
  // A connection whose server died must not be an unhandled 'error'; graphile warns about a pool without these.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", (error) => logger.warn({ err: error, runner: runnerName }, "job runner connection lost")));
  const probe = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5_000, query_timeout: 5_000 });
  probe.on("error", () => undefined);
  let refused = 0;
  let failingSince: number | null = null;
  let closed = false;
  const check = async () => {
    let why: string | null = null;
    try {
      const { rows } = await probe.query<{ readOnly: boolean }>(`SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on' AS "readOnly"`);
      refused = 0;
      failingSince = null;
      if (rows[0]?.readOnly) why = "no longer accepts writes";
    } catch (error) {
      failingSince ??= Date.now();
      refused = (error as NodeJS.ErrnoException).code === "ECONNREFUSED" ? refused + 1 : 0;
      if (refused >= 2 || Date.now() - failingSince >= options.patienceMs) why = `unreachable (${(error as Error).message})`;
    }
    if (!why || closed) return;
    logger.error({ runner: runnerName, server: url.replace(/\/\/[^@]*@/, "//"), why }, "the job runner's server went away: replacing the runner");
    close();
    gone();
  };
  let inFlight = false;
  const timer = setInterval(() => {
    if (inFlight || closed) return;
    inFlight = true;
    void check().finally(() => (inFlight = false));
  }, options.checkMs);
  timer.unref();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    void probe.end().catch(() => undefined);
    void pool.end().catch(() => undefined);
  };
  return { pool, close };
}
