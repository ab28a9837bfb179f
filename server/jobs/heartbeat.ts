import { hostname } from "node:os";
import type pg from "pg";
import { logger } from "@/server/observability/logger";
import { createPgPool } from "@/server/pg-pool";

/**
 * Worker heartbeats and the release of what dead workers held (docs/adr/0012).
 *
 * graphile-worker marks every job it fetches, and the named queue of that job, with its pool's id
 * (`locked_by`) and the time (`locked_at`). A pool stopped gracefully clears them; a pool killed
 * (kill -9, power cut, OOM) leaves them, and graphile-worker clears stale locks only after 4 hours —
 * so a dead node's jobs, and every later job of the webhook lanes it held, would wait that long.
 *
 * Each pool therefore beats: its row in "WorkerHeartbeat" carries the database's now() every
 * `beatMs`. On every beat, each worker process also looks for locks held by pools that are not alive —
 * no beat for `deadAfterMs` — and taken at least `deadAfterMs` ago (which also covers a pool killed
 * before its first beat, and pools of versions without heartbeats), and releases them with
 * graphile-worker's own `force_unlock_workers`. The jobs become available at once; their interrupted
 * attempt counts as one attempt (graphile-worker's rule, which keeps a job that kills its worker from
 * looping forever).
 *
 * The bound: a dead pool's locks are released at most deadAfterMs + beatMs after its last beat, as
 * soon as any worker process runs (a restarted one releases at its first beat).
 *
 * A beat must also prove work. A pool can stay alive and beat while it fetches nothing: after a
 * PostgreSQL restart the chaos suite saw a payments pool keep ~10 locks and run none of 1,459 due
 * jobs. So a pool that runs no job, has started or finished none for deadAfterMs, while jobs of its
 * tasks have been due and free for deadAfterMs, is stalled: it stops beating (so its locks are
 * released as a dead pool's) and its owner replaces it (worker.ts). A busy pool is never stalled:
 * every run ends within its time limit (define-job.ts maxRunSeconds).
 *
 * A pool is stalled too when it runs nothing while holding jobs it locked more than deadAfterMs ago
 * and is not running (nor just finished): a fetch whose answer never reached it. The failover drill
 * saw it — a pool fetched jobs just before the primary was killed, the lock replicated, the answer was
 * lost, and the pool went on beating on the new primary, so those jobs stayed locked and due for good.
 * Such a pool is replaced at once and its locks released right away (it runs nothing to double).
 */
export type HeartbeatTiming = { deadAfterMs: number; beatMs: number };

export function heartbeatTiming(deadAfterSeconds: number): HeartbeatTiming {
  const deadAfterMs = Math.round(deadAfterSeconds * 1000);
  return { deadAfterMs, beatMs: Math.max(200, Math.floor(deadAfterMs / 6)) };
}

type Queryable = Pick<pg.Pool, "query">;

/** Pools holding a lock older than deadAfterMs without a beat within deadAfterMs, and beat rows gone stale. */
const DEAD_POOLS = `
  SELECT locked_by AS id FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL AND locked_at < now() - $1::interval
  UNION
  SELECT locked_by FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL AND locked_at < now() - $1::interval
  UNION
  SELECT id FROM "WorkerHeartbeat" WHERE "beatAt" < now() - $1::interval
  EXCEPT
  SELECT id FROM "WorkerHeartbeat" WHERE "beatAt" >= now() - $1::interval`;

function interval(ms: number): string {
  return `${ms} milliseconds`;
}

/**
 * Releases the job and queue locks of dead pools (see above) and forgets their heartbeats. Safe to
 * run from several processes at once. Returns the pool ids it released.
 */
export async function releaseDeadWorkers(client: Queryable, deadAfterMs: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(DEAD_POOLS, [interval(deadAfterMs)]);
  const dead = rows.map((row) => row.id);
  if (dead.length === 0) return [];
  await client.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [dead]);
  await client.query(`DELETE FROM "WorkerHeartbeat" WHERE id = ANY($1::text[]) AND "beatAt" < now() - $2::interval`, [dead, interval(deadAfterMs)]);
  return dead;
}

/** Jobs of these tasks, free to run (their queue too) and due for at least `dueForMs`: someone should be running them. */
const STARVED_JOBS = `
  SELECT EXISTS (
    SELECT 1 FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
    WHERE t.identifier = ANY($1::text[]) AND j.is_available AND j.run_at < now() - $2::interval
      AND (q.id IS NULL OR q.is_available)
  ) AS starved`;

export async function hasStarvedJobs(client: Queryable, tasks: string[], dueForMs: number): Promise<boolean> {
  const { rows } = await client.query<{ starved: boolean }>(STARVED_JOBS, [tasks, interval(dueForMs)]);
  return rows[0]?.starved === true;
}

/** Jobs this pool locked more than `lockedForMs` ago that it is not running: fetched, but lost on the way to it. */
export async function orphanedJobs(client: Queryable, poolId: string, busyJobIds: string[], lockedForMs: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id::text FROM graphile_worker._private_jobs
      WHERE locked_by = $1 AND locked_at < now() - $2::interval AND NOT (id::text = ANY($3::text[]))`,
    [poolId, interval(lockedForMs), busyJobIds],
  );
  return rows.map((row) => row.id);
}

async function beat(client: Queryable, pools: Map<string, string>): Promise<void> {
  if (pools.size === 0) return;
  await client.query(
    `INSERT INTO "WorkerHeartbeat" (id, runner, host, pid, "beatAt")
     SELECT id, runner, $3, $4, now() FROM unnest($1::text[], $2::text[]) AS p(id, runner)
     ON CONFLICT (id) DO UPDATE SET "beatAt" = now()`,
    [[...pools.keys()], [...pools.values()], hostname(), process.pid],
  );
}

/** How a pool proves work: the tasks it serves, what it is doing, and what to do when it is stalled. */
export type PoolWatch = {
  tasks: string[];
  /**
   * Jobs running now, when one last started or ended (ms since the epoch), and the ids of the jobs
   * running or ended within the last deadAfterMs (an ended job's completion may still be on its way).
   */
  activity(): { running: number; lastProgressAt: number; busyJobIds: string[] };
  /** Called once, when the pool is found stalled; it no longer beats from then on. */
  onStall(): void;
};

export type Heartbeat = {
  readonly timing: HeartbeatTiming;
  /** Registers a pool (graphile-worker's pool id) under a runner name; it beats from now on, while it proves work. */
  add(poolId: string, runner: string, watch?: PoolWatch): void;
  /** A pool that stopped: no more beats, so whatever it left locked is released once it is silent. */
  remove(poolId: string): void;
  stop(): Promise<void>;
};

/**
 * Starts beating for this process's pools and releasing dead pools' locks, on a connection pool of
 * its own (one connection), so busy job slots can never delay a beat. Database errors (PostgreSQL
 * restarting) are logged and the next tick tries again.
 */
export function startHeartbeat(connectionString: string, timing: HeartbeatTiming): Heartbeat {
  // query_timeout: a statement stuck on a dead connection must not stop the beats for good.
  const pool = createPgPool(connectionString, { max: 1, connectionTimeoutMillis: timing.beatMs * 2, query_timeout: timing.beatMs * 2 });
  pool.on("error", (error) => logger.warn({ err: error }, "heartbeat connection lost"));
  const pools = new Map<string, string>();
  const watches = new Map<string, PoolWatch>();
  let stopped = false;
  let inFlight: Promise<void> | null = null;

  const tick = async () => {
    try {
      await beat(pool, pools);
      await checkStalls();
      const released = await releaseDeadWorkers(pool, timing.deadAfterMs);
      if (released.length) logger.warn({ pools: released }, "released the job locks of dead workers");
    } catch (error) {
      logger.warn({ err: error }, "worker heartbeat failed; trying again");
    }
  };
  // A pool running nothing while it holds jobs it does not run, or idle for deadAfterMs while jobs of its tasks wait: stalled (see above).
  const checkStalls = async () => {
    for (const [poolId, watch] of watches) {
      const { running, lastProgressAt, busyJobIds } = watch.activity();
      if (running > 0) continue;
      const orphans = await orphanedJobs(pool, poolId, busyJobIds, timing.deadAfterMs);
      const starved = orphans.length === 0 && Date.now() - lastProgressAt >= timing.deadAfterMs && (await hasStarvedJobs(pool, watch.tasks, timing.deadAfterMs));
      if (orphans.length === 0 && !starved) continue;
      if (!watches.delete(poolId)) continue;
      const runner = pools.get(poolId);
      pools.delete(poolId);
      watch.onStall();
      if (orphans.length > 0) {
        logger.error({ pool: poolId, runner, jobs: orphans }, "worker pool stalled: it holds jobs it does not run; replacing it and releasing them");
        await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [[poolId]]);
      } else {
        logger.error({ pool: poolId, runner, tasks: watch.tasks }, "worker pool stalled: jobs wait while it runs none; replacing it");
      }
    }
  };
  // One tick at a time; a tick still running (database slow or restarting) makes the next one skip.
  const run = () => {
    if (stopped || inFlight) return;
    inFlight = tick().finally(() => (inFlight = null));
  };
  const timer = setInterval(run, timing.beatMs);
  timer.unref();

  return {
    timing,
    add(poolId, runner, watch) {
      pools.set(poolId, runner);
      if (watch) watches.set(poolId, watch);
      run();
    },
    remove(poolId) {
      pools.delete(poolId);
      watches.delete(poolId);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
      await pool.query(`DELETE FROM "WorkerHeartbeat" WHERE id = ANY($1::text[])`, [[...pools.keys()]]).catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
