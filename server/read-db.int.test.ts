// The read/write split on a real primary and streaming replica (scripts/lib/pg-replica.ts): stale-tolerant reads go to
// the replica while it is healthy, to the primary when it is stopped or its replay is paused past the bound, and back.
import { rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { prepareDatabase } from "../scripts/lib/database.ts";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres.ts";
import { type Replica, startReplica } from "../scripts/lib/pg-replica.ts";
import { db, getPool } from "./db";
import { startWorker } from "./jobs/worker";
import { metrics } from "./observability/metrics";
import { closeReadDb, getReadPool, readDb, replicaMonitor } from "./read-db";
import { measureSubjects } from "./services/alerts/measure-subjects";
import { listOrders } from "./services/orders/list-orders";
import { insertOrder } from "./testing/order-fixtures";

const PRIMARY_PORT = 24614;
const REPLICA_PORT = 24615;
const MAX_LAG_SECONDS = 2;
const root = path.join(import.meta.dirname, "..", ".data", "replication-tests", `read-split-${process.pid}`);

let primary: EmbeddedPostgres;
let replica: Replica;
let replicaAdmin: pg.Client;
let merchantId: string;
let appId: string;

beforeAll(async () => {
  rmSync(root, { recursive: true, force: true });
  primary = await startEmbeddedPostgres({ dataDir: path.join(root, "primary"), port: PRIMARY_PORT, database: "paycenter", unsafeFast: true, replication: true });
  await prepareDatabase(primary.url);
  process.env.DATABASE_URL = primary.url;
  await seedIfEmpty();
  const app = await db.app.findFirstOrThrow({ where: { merchant: { mchNo: "M10000001" } }, select: { id: true, merchantId: true } });
  ({ id: appId, merchantId } = app);
  replica = await startReplica({ primaryPort: PRIMARY_PORT, dataDir: path.join(root, "replica"), port: REPLICA_PORT, slot: "read_split", applicationName: "read_split", database: "paycenter" });
  replicaAdmin = new pg.Client({ connectionString: replica.url });
  await replicaAdmin.connect();
  process.env.DATABASE_REPLICA_URL = replica.url;
  process.env.REPLICA_MAX_LAG_SECONDS = String(MAX_LAG_SECONDS);
  process.env.REPLICA_CHECK_SECONDS = "3600"; // the test samples by hand (checkNow): no timer sample may land between its steps
}, 180_000);

afterAll(async () => {
  await replicaAdmin?.end().catch(() => {});
  await closeReadDb();
  await db.$disconnect().catch(() => {});
  await replica?.kill();
  await primary?.kill();
  rmSync(root, { recursive: true, force: true });
});

const readsInRecovery = async () => (await getReadPool().query<{ recovery: boolean }>("SELECT pg_is_in_recovery() AS recovery")).rows[0]!.recovery;
const prismaReadsInRecovery = async () => (await readDb.$queryRaw<{ recovery: boolean }[]>`SELECT pg_is_in_recovery() AS recovery`)[0]!.recovery;
const readCount = async (target: string) => (await metrics.reads.get()).values.find((v) => v.labels.target === target)?.value ?? 0;
const gauge = async (g: typeof metrics.replicaUp) => (await g.get()).values[0]?.value;

/** Waits until the replica has replayed everything the primary has written. */
async function caughtUp(): Promise<void> {
  const { rows } = await getPool().query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(50)) {
    const replay = await replicaAdmin.query<{ done: boolean }>("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done", [rows[0]!.lsn]);
    if (replay.rows[0]!.done) return;
  }
  throw new Error("the replica did not catch up within 15 s");
}

/** The replica's backend running the query that contains `marker`. */
async function backendRunning(marker: string): Promise<number> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(20)) {
    const { rows } = await replicaAdmin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid() AND state = 'active'",
      [marker],
    );
    if (rows[0]) return rows[0].pid;
  }
  throw new Error(`no backend ran the query marked ${marker} within 10 s`);
}

const consoleList = async () => (await listOrders({ merchantId }, {}, { limit: 100, staleOk: true })).data.map((o) => o.orderNo);

describe("reads that may be stale", () => {
  it("go to the replica while it is healthy, and a console list shows rows written on the primary once replayed", async () => {
    await caughtUp();
    expect(await replicaMonitor()!.checkNow()).toEqual({ up: true, lagSeconds: 0 });
    const before = await readCount("replica");
    expect(await readsInRecovery()).toBe(true);
    expect(await prismaReadsInRecovery()).toBe(true);
    expect(await readCount("replica")).toBe(before + 2);
    expect(await gauge(metrics.replicaUp)).toBe(1);
    expect(await gauge(metrics.replicaLag)).toBe(0);
    // the write path and the Open API's reads stay on the primary
    expect((await getPool().query<{ recovery: boolean }>("SELECT pg_is_in_recovery() AS recovery")).rows[0]!.recovery).toBe(false);

    const order = await insertOrder({ appId });
    await caughtUp();
    expect(await consoleList()).toContain(order);
    // the Open API's list of the same app reads the primary
    expect((await listOrders({ appId }, {}, { limit: 100 })).data.map((o) => o.orderNo)).toContain(order);
  });

  it("fall back to the primary when replay is paused while the primary writes past the bound, and return once it catches up", async () => {
    await replicaAdmin.query("SELECT pg_wal_replay_pause()");
    const late = await insertOrder({ appId });
    let health = await replicaMonitor()!.checkNow();
    // within the bound the replica still serves, stale: the order written after the pause is not there yet
    expect(health.up).toBe(true);
    expect(health.lagSeconds!).toBeLessThanOrEqual(MAX_LAG_SECONDS);
    expect(await readsInRecovery()).toBe(true);
    expect(await consoleList()).not.toContain(late);

    await sleep((MAX_LAG_SECONDS + 0.5) * 1000);
    await insertOrder({ appId });
    health = await replicaMonitor()!.checkNow();
    expect(health.lagSeconds!).toBeGreaterThan(MAX_LAG_SECONDS);
    expect(await gauge(metrics.replicaLag)).toBeGreaterThan(MAX_LAG_SECONDS);
    const primaryReads = await readCount("primary");
    expect(await readsInRecovery()).toBe(false);
    expect(await prismaReadsInRecovery()).toBe(false);
    expect(await readCount("primary")).toBe(primaryReads + 2);
    expect(await consoleList()).toContain(late);

    await replicaAdmin.query("SELECT pg_wal_replay_resume()");
    await caughtUp();
    expect(await replicaMonitor()!.checkNow()).toEqual({ up: true, lagSeconds: 0 });
    expect(await readsInRecovery()).toBe(true);
  });

  it("fall back to the primary while the replica is stopped, fire REPLICA_LAG, and return when it is back", async () => {
    await replicaAdmin.end();
    await replica.stop();
    expect(await replicaMonitor()!.checkNow()).toEqual({ up: false, lagSeconds: null });
    expect(await gauge(metrics.replicaUp)).toBe(0);
    expect(await gauge(metrics.replicaLag)).toBeNaN();
    expect(await readsInRecovery()).toBe(false);
    const written = await insertOrder({ appId });
    expect(await consoleList()).toContain(written);
    const [subject] = await measureSubjects({ kind: "REPLICA_LAG", merchantId: null, windowMinutes: 5, now: new Date() });
    expect(subject).toMatchObject({ subjectKey: "replica", merchantId: null, measure: { kind: "REPLICA_LAG", up: false, lagSeconds: null } });
    // merchants' rules never see the platform's replica
    expect(await measureSubjects({ kind: "REPLICA_LAG", merchantId, windowMinutes: 5, now: new Date() })).toEqual([]);

    await replica.restart();
    replicaAdmin = new pg.Client({ connectionString: replica.url });
    await replicaAdmin.connect();
    await caughtUp();
    expect(await replicaMonitor()!.checkNow()).toEqual({ up: true, lagSeconds: 0 });
    expect(await readsInRecovery()).toBe(true);
    expect(await consoleList()).toContain(written);
  });

  it("leave the replica at once when a read's backend ends under it with FATAL 57P01 (a query error, no socket error)", async () => {
    // what a backend orphaned by its postmaster's death does to the query in flight, made deterministic here
    expect(await replicaMonitor()!.checkNow()).toEqual({ up: true, lagSeconds: 0 });
    // the outcome is taken at once: the read may fail before pg_terminate_backend's own answer arrives
    const slow = getReadPool().query("SELECT pg_sleep(30) AS terminated_under_a_read").then(() => "answered", (error: unknown) => error);
    const pid = await backendRunning("terminated_under_a_read");
    await replicaAdmin.query("SELECT pg_terminate_backend($1)", [pid]);
    expect(await slow).toMatchObject({ code: "57P01" });
    expect(replicaMonitor()!.health).toEqual({ up: false, lagSeconds: null });
    expect(await readsInRecovery()).toBe(false);

    expect(await replicaMonitor()!.checkNow()).toEqual({ up: true, lagSeconds: 0 });
    expect(await readsInRecovery()).toBe(true);
  });

  it("leave the replica at once when it is killed between two samples, and return once it answers again", async () => {
    await replicaAdmin.end();
    await replica.kill();
    // no checkNow: the dead connections (or the failed connect) tell the read path
    const first = await readsInRecovery().catch(() => "failed" as const);
    expect([false, "failed"]).toContain(first);
    expect(await readsInRecovery()).toBe(false);
    expect(await prismaReadsInRecovery()).toBe(false);
    expect(replicaMonitor()!.health).toEqual({ up: false, lagSeconds: null });

    await replica.restart();
    replicaAdmin = new pg.Client({ connectionString: replica.url });
    await replicaAdmin.connect();
    await caughtUp();
    expect(await replicaMonitor()!.checkNow()).toEqual({ up: true, lagSeconds: 0 });
    expect(await readsInRecovery()).toBe(true);
  });

  it("leave the job worker alone: on a multi-host DATABASE_URL listing the standby first, it starts on the primary", async () => {
    const url = `postgresql://postgres:postgres@127.0.0.1:${REPLICA_PORT},127.0.0.1:${PRIMARY_PORT}/paycenter?target_session_attrs=read-write`;
    const worker = await startWorker({ connectionString: url, concurrency: 1, webhookConcurrency: 1, pollInterval: 200 });
    try {
      // startWorker queued its sweeps (a write): they are on the primary
      const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM graphile_worker._private_jobs");
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await worker.stop();
    }
  });
});
