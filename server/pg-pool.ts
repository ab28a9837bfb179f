import pg from "pg";
import { isMultiHostUrl, parseDatabaseHosts } from "./db-hosts";
import { logger } from "./observability/logger";
import { createFollowingPool, HostRouter } from "./primary-following-client";

/**
 * A pg.Pool for a database URL, whatever its shape. One host: node-postgres' own pool, exactly as before. Several
 * hosts (libpq style, `h1:5432,h2:5432/db?target_session_attrs=read-write`): a pool whose connections follow the
 * primary across a failover (docs/adr/0034). Light (pg only, no Prisma): the readiness probe and the job worker's
 * heartbeat use it too.
 */
export function createPgPool(url: string, config: Omit<pg.PoolConfig, "connectionString" | "Client"> = {}): pg.Pool {
  if (!isMultiHostUrl(url)) {
    const pool = new pg.Pool({ ...config, connectionString: url });
    // An idle connection that dies (PostgreSQL restarted, the connection terminated by an administrator) is an
    // 'error' on the pool: without a listener it would end the process. The pool drops that connection and the
    // next query opens a new one. (Seen: a test database dropped while its pool was ending.)
    pool.on("error", (error) => logger.warn({ err: error }, "idle database connection lost"));
    return pool;
  }
  const connectTimeoutMs = config.connectionTimeoutMillis ?? Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 3000);
  const { pool } = createFollowingPool(parseDatabaseHosts(url), { ...config, connectTimeoutMs });
  // During a failover idle connections die with their server: nothing to report, the next connection probes the hosts.
  pool.on("error", () => {});
  return pool;
}

/**
 * A single-host URL for tools that connect once and cannot follow (the migration engine): a multi-host URL resolves
 * to the host that a probe finds of the wanted kind now; a single-host URL is returned as it is.
 */
export async function resolveSingleHostUrl(url: string): Promise<string> {
  if (!isMultiHostUrl(url)) return url;
  const hosts = parseDatabaseHosts(url);
  const router = new HostRouter(hosts, hosts.connectTimeoutMs ?? Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 3000));
  return (await router.target()).url;
}
