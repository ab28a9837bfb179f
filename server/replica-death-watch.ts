import type pg from "pg";
import { databaseUnreachable } from "./database-errors";
import { onQueryFailure } from "./pg-query-failures";
import type { ReplicaLagMonitor } from "./replica-lag-monitor";

type Done = (release?: unknown) => void;
type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: Done) => void;

/**
 * The replica died between two samples: the read path must not wait for the monitor to notice. Each way the failure
 * can reach this process marks the replica down at once, before the read that met it fails, so the next read goes
 * to the primary (the monitor brings the replica back once it answers again):
 * - an idle connection's error (the pool's 'error'), or an open connection's socket error (the client's 'error');
 * - a connect that fails (ECONNREFUSED once the postmaster is gone);
 * - a query that fails with "the server is gone": a backend orphaned by its postmaster's death answers the query in
 *   flight with FATAL 57P01 and closes. node-postgres gives that error to the query only: the client emits no
 *   'error', and the pool, ending the client itself, sees no unexpected end either.
 */
export function watchForDeath(pool: pg.Pool, monitor: ReplicaLagMonitor): void {
  const markDownIfGone = (error: unknown) => {
    if (databaseUnreachable(error)) monitor.markDown();
  };
  pool.on("error", () => monitor.markDown());
  pool.on("connect", (client) => {
    client.on("error", () => monitor.markDown());
    onQueryFailure(client, markDownIfGone);
  });
  const connect = pool.connect.bind(pool) as (callback?: ConnectCallback) => Promise<pg.PoolClient> | undefined;
  pool.connect = ((callback?: ConnectCallback) => {
    if (!callback) {
      return (connect() as Promise<pg.PoolClient>).catch((error: unknown) => {
        monitor.markDown();
        throw error;
      });
    }
    return connect((error, client, done) => {
      if (error) monitor.markDown();
      callback(error, client, done);
    });
  }) as typeof pool.connect;
}
