// A single-host pool whose idle connection is terminated (PostgreSQL restarted, an administrator's
// pg_terminate_backend, a dropped database): the process lives on and the next query gets a new connection.
// Without the pool's 'error' listener the idle connection's error is uncaught and ends the process (vitest
// reports it as an unhandled error and fails the run).
import { describe, expect, it } from "vitest";
import { createPgPool } from "./pg-pool";

describe("createPgPool on one host", () => {
  it("survives an idle connection terminated under it, and answers the next query on a new one", async () => {
    const pool = createPgPool(process.env.DATABASE_URL as string, { max: 2 });
    const admin = createPgPool(process.env.DATABASE_URL as string, { max: 1 });
    try {
      const first = (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      expect(pool.idleCount).toBe(1);
      await admin.query("SELECT pg_terminate_backend($1)", [first]);
      // the pool drops the dead connection (its 'error', caught by createPgPool's listener, not by this test)
      await expect.poll(() => pool.idleCount).toBe(0);
      const second = (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      expect(second).not.toBe(first);
    } finally {
      await pool.end();
      await admin.end();
    }
  });
});
