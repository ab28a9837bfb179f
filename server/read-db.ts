import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { getDb, getPool } from "./db";
import { chooseReadTarget, type ReadTarget } from "./domain/replica-routing";
import { PrismaClient } from "./generated/prisma/client.ts";
import { metrics } from "./observability/metrics";
import { createPgPool } from "./pg-pool";
import { watchForDeath } from "./replica-death-watch";
import { ReplicaLagMonitor } from "./replica-lag-monitor";

/**
 * The read path for reads that may be a little stale — reports, ledger, exports, dashboards and overview figures,
 * monitoring pages, the console's list queries — and never for a request that must see its own write (the Open API
 * and every write path stay on `db`). With DATABASE_REPLICA_URL set, such reads go to the replica while the lag
 * monitor finds it up and at most REPLICA_MAX_LAG_SECONDS behind; otherwise to the primary. Unset: `readDb` is `db`,
 * with no monitor and no cost. docs/adr/0034-replication-and-read-split.md.
 */
type ReadConnection = { url: string; client: PrismaClient; pool: pg.Pool; monitor: ReplicaLagMonitor };

const globalForRead = globalThis as unknown as { __paycenterReadConnection?: ReadConnection };

function replicaUrl(): string | undefined {
  return process.env.DATABASE_REPLICA_URL || undefined;
}

function maxLagSeconds(): number {
  return Number(process.env.REPLICA_MAX_LAG_SECONDS ?? 10);
}

function readConnection(url: string): ReadConnection {
  const current = globalForRead.__paycenterReadConnection;
  if (current && current.url === url && !current.pool.ended) return current;
  current?.monitor.stop();
  // A replica that does not answer must not hold a read (or the monitor) for the OS's TCP timeout; idle replica
  // connections never keep a stopping process (a worker after its runner) alive.
  const pool = createPgPool(url, {
    max: Number(process.env.DATABASE_REPLICA_POOL_SIZE ?? process.env.DATABASE_POOL_SIZE ?? 10),
    allowExitOnIdle: true,
    connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 3000),
  });
  const monitor = new ReplicaLagMonitor(pool, getPool, Number(process.env.REPLICA_CHECK_SECONDS ?? 2) * 1000);
  watchForDeath(pool, monitor);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  const made = { url, client, pool, monitor };
  globalForRead.__paycenterReadConnection = made;
  monitor.start();
  return made;
}

/** Where the next stale-tolerant read goes, counted in paycenter_db_reads_total. */
function route(): { target: ReadTarget; connection: ReadConnection | undefined } {
  const url = replicaUrl();
  const connection = url ? readConnection(url) : undefined;
  const target = chooseReadTarget(connection !== undefined, connection?.monitor.health ?? null, maxLagSeconds());
  metrics.reads.inc({ target });
  return { target, connection };
}

/** The Prisma client for a read that may be stale: the replica's or the primary's. */
export function getReadDb(): PrismaClient {
  const { target, connection } = route();
  return target === "replica" && connection ? connection.client : getDb();
}

/** The pool for a raw-SQL read that may be stale: the replica's or the primary's. */
export function getReadPool(): pg.Pool {
  const { target, connection } = route();
  return target === "replica" && connection ? connection.pool : getPool();
}

/** `db` for reads that may be a little stale (see above). Each property access routes once. */
export const readDb: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getReadDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * The lag monitor of this process, started on first use, if a replica is configured. Node start-up calls it so the
 * metrics are sampled from the beginning; tests call checkNow() to not wait for the timer.
 */
export function replicaMonitor(): ReplicaLagMonitor | undefined {
  const url = replicaUrl();
  return url ? readConnection(url).monitor : undefined;
}

/** Stops the monitor and closes the replica's pool (tests, shutdown). */
export async function closeReadDb(): Promise<void> {
  const current = globalForRead.__paycenterReadConnection;
  globalForRead.__paycenterReadConnection = undefined;
  current?.monitor.stop();
  await current?.client.$disconnect().catch(() => {});
}
