// A connection that follows the primary: a real primary and a streaming standby (scripts/lib/pg-replica.ts), kill -9
// of the primary, pg_promote() of the standby, and the same pool (the app's db and getPool()) on the new primary.
import { rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres.ts";
import { type Replica, setSynchronousStandby, startReplica } from "../scripts/lib/pg-replica.ts";
import { migrationStatus } from "../scripts/lib/migration-status.ts";
import { db, getPool } from "./db";
import { parseDatabaseHosts } from "./db-hosts";
import { createPgPool, resolveSingleHostUrl } from "./pg-pool";
import { createFollowingPool } from "./primary-following-client";

const PRIMARY_PORT = 24612;
const STANDBY_PORT = 24613;
const root = path.join(import.meta.dirname, "..", ".data", "replication-tests", `failover-${process.pid}`);

let primary: EmbeddedPostgres;
let standby: Replica;

beforeAll(async () => {
  rmSync(root, { recursive: true, force: true });
  primary = await startEmbeddedPostgres({ dataDir: path.join(root, "primary"), port: PRIMARY_PORT, database: "paycenter", unsafeFast: true, replication: true });
  const admin = new pg.Client({ connectionString: primary.url });
  await admin.connect();
  await admin.query("CREATE TABLE committed_payment (id serial PRIMARY KEY, amount bigint NOT NULL)");
  await admin.end();
  standby = await startReplica({ primaryPort: PRIMARY_PORT, dataDir: path.join(root, "standby"), port: STANDBY_PORT, slot: "failover_standby", applicationName: "failover_standby", database: "paycenter" });
  await setSynchronousStandby(primary.url, "failover_standby");
  process.env.DATABASE_CONNECT_TIMEOUT_MS = "1000";
  process.env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${PRIMARY_PORT},127.0.0.1:${STANDBY_PORT}/paycenter?target_session_attrs=read-write`;
}, 120_000);

afterAll(async () => {
  await db.$disconnect().catch(() => {});
  await standby?.kill();
  await primary?.kill();
  rmSync(root, { recursive: true, force: true });
});

const serverPort = async () => (await getPool().query<{ port: number }>("SELECT inet_server_port() AS port")).rows[0]!.port;

/** Resolves to the error, or fails the test if the call neither succeeds nor fails within the bound (a hang). */
async function outcomeWithin<T>(ms: number, call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hung for ${ms} ms`)), ms)));
  try {
    return { ok: true, value: await Promise.race([call(), hang]) };
  } catch (error) {
    if ((error as Error).message.startsWith("hung for")) throw error;
    return { ok: false, error: error as Error };
  } finally {
    clearTimeout(timer);
  }
}

describe("a multi-host DATABASE_URL with target_session_attrs=read-write", () => {
  it("keeps a single-host URL on node-postgres' own client", () => {
    const pool = createPgPool("postgresql://u:p@127.0.0.1:5432/x", { max: 1 }) as unknown as { Client: unknown };
    expect(pool.Client).toBe(pg.Client);
  });

  it("connects to the primary even when the standby is listed first", async () => {
    const url = `postgresql://postgres:postgres@127.0.0.1:${STANDBY_PORT},127.0.0.1:${PRIMARY_PORT}/paycenter?target_session_attrs=read-write`;
    const reversed = createPgPool(url, { max: 2 });
    // the tools that take a URL: the migration engine gets the primary's own; the readiness probe's status query follows
    expect(await resolveSingleHostUrl(url)).toBe(`postgresql://postgres:postgres@127.0.0.1:${PRIMARY_PORT}/paycenter`);
    expect(await migrationStatus(url, path.join(root, "no-migrations"))).toEqual({ applied: [], pending: [] });
    try {
      const { rows } = await reversed.query<{ port: number; recovery: boolean }>("SELECT inet_server_port() AS port, pg_is_in_recovery() AS recovery");
      expect(rows[0]).toEqual({ port: PRIMARY_PORT, recovery: false });
    } finally {
      await reversed.end();
    }
  });

  it("forgets the host when a query in flight ends with FATAL 57P01 (no 'error' event), so the next connection probes", async () => {
    const { pool, router } = createFollowingPool(parseDatabaseHosts(process.env.DATABASE_URL!), { max: 2, connectTimeoutMs: 1000 });
    const admin = new pg.Client({ connectionString: primary.url });
    await admin.connect();
    try {
      expect((await pool.query<{ port: number }>("SELECT inet_server_port() AS port")).rows[0]!.port).toBe(PRIMARY_PORT);
      const forget = vi.spyOn(router, "forget");
      // the outcome is taken at once: the query may fail before pg_terminate_backend's own answer arrives
      const slow = pool.query("SELECT pg_sleep(30) AS ended_under_a_query").then(() => "answered", (error: unknown) => error);
      let pid: number | undefined;
      for (const deadline = Date.now() + 10_000; !pid && Date.now() < deadline; await sleep(20)) {
        const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE query LIKE '%ended_under_a_query%' AND pid <> pg_backend_pid() AND state = 'active'");
        pid = rows[0]?.pid;
      }
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      expect(await slow).toMatchObject({ code: "57P01" });
      expect(forget).toHaveBeenCalledWith(expect.objectContaining({ port: PRIMARY_PORT }));
    } finally {
      await admin.end();
      await pool.end();
    }
  });

  it("follows the promoted standby after kill -9 of the primary, with errors (not hangs) in between and no committed row lost", async () => {
    expect(await serverPort()).toBe(PRIMARY_PORT);
    for (let amount = 1; amount <= 20; amount++) await getPool().query("INSERT INTO committed_payment (amount) VALUES ($1)", [amount]);
    await db.$executeRaw`INSERT INTO committed_payment (amount) VALUES (${21n})`;

    await primary.kill();
    const killedAt = Date.now();
    const during = await outcomeWithin(10_000, () => getPool().query("SELECT 1"));
    expect(during.ok).toBe(false);

    await standby.promote();
    let recoveredAt = 0;
    let errors = 0;
    while (!recoveredAt) {
      expect(Date.now() - killedAt).toBeLessThan(20_000);
      const attempt = await outcomeWithin(10_000, () => db.$executeRaw`INSERT INTO committed_payment (amount) VALUES (${22n})`);
      if (attempt.ok) recoveredAt = Date.now();
      else errors++;
    }
    console.log(`[failover] writes back ${recoveredAt - killedAt} ms after the kill (promotion included), ${errors} failed attempts after promotion`);
    expect(await serverPort()).toBe(STANDBY_PORT);
    const { rows } = await getPool().query<{ count: string; total: string }>("SELECT count(*) AS count, sum(amount) AS total FROM committed_payment");
    // Synchronous replication: all 21 rows committed before the kill are on the new primary, plus the one written after.
    expect(rows[0]).toEqual({ count: "22", total: String((21 * 22) / 2 + 22) });
  }, 90_000);
});
