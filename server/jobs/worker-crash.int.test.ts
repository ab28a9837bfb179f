import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db, getPool } from "@/server/db";
import { webhookQueueName } from "@/server/domain/webhook-lanes";
import { recordEvent } from "@/server/services/events/record-event";
import { DEMO_APP, useFixedDemoApps } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { heartbeatTiming, releaseDeadWorkers, startHeartbeat } from "./heartbeat";
import { type JobWorker, startWorker } from "./worker";

/**
 * A real worker process (`scripts/worker.ts`) is killed with SIGKILL while it delivers webhooks: its
 * four lanes of the app (graphile-worker named queues) and the jobs it fetched stay locked. A new
 * worker must deliver every event — those the dead one held and those queued behind them — within
 * the bound (WORKER_DEAD_AFTER_SECONDS + one beat), not graphile-worker's 4 hours.
 */
const DEAD_AFTER_SECONDS = 3;
const { beatMs } = heartbeatTiming(DEAD_AFTER_SECONDS);
const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

let receiver: Server;
let notifyUrl: string;
let hang = true;
const held: ServerResponse[] = [];
const delivered = new Map<string, number>();
let child: ChildProcess | undefined;
let worker: JobWorker | undefined;
let merchantId: string;

function receive(req: IncomingMessage, res: ServerResponse) {
  req.resume();
  req.on("end", () => {
    if (hang) {
      held.push(res); // the dead worker's deliveries never get their answer
      return;
    }
    const eventId = String(req.headers["x-paycenter-event-id"]);
    if (!delivered.has(eventId)) delivered.set(eventId, Date.now());
    res.writeHead(200).end("ok");
  });
}

async function addEvents(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(await db.$transaction((tx) => recordEvent(tx, { merchantId, appId: DEMO_APP.id, type: "pay_order.closed", data: { n: i } })));
  }
  return ids;
}

async function lockedLanes(): Promise<number> {
  const { rows } = await getPool().query<{ n: string }>(
    "SELECT count(*) AS n FROM graphile_worker._private_job_queues WHERE locked_at IS NOT NULL AND queue_name LIKE 'webhooks:%'",
  );
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  receiver = createServer(receive);
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
  const app = await db.app.update({ where: { id: DEMO_APP.id }, data: { notifyUrl } });
  merchantId = app.merchantId;
});

afterAll(async () => {
  if (child?.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGKILL");
  await worker?.stop();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe("a worker killed mid-delivery", () => {
  it("leaves nothing locked for longer than the bound: a new worker delivers every event", async () => {
    const before = await addEvents(12);
    // `node --import tsx`: the worker in this one process (tsx's CLI would run it in a child of its own,
    // which a SIGKILL of the CLI leaves running); a process group of its own, killed whole.
    child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      cwd: REPO_ROOT,
      detached: true,
      env: { ...process.env, LOG_LEVEL: "error", WORKER_DEAD_AFTER_SECONDS: String(DEAD_AFTER_SECONDS), EXPIRY_SWEEP_SECONDS: "0" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    // one delivery per lane in flight at the receiver (the receiver never answers), and those lanes locked
    const deliveries = await db.webhookDelivery.findMany({ where: { eventId: { in: before } } });
    const lanes = new Set(deliveries.map((d) => webhookQueueName(d.appId, d.id))).size;
    await eventually(async () => held.length >= lanes, 30_000);
    expect(await lockedLanes()).toBe(lanes);

    process.kill(-child.pid!, "SIGKILL");
    await new Promise((resolve) => child!.once("exit", resolve));
    const killedAt = Date.now();
    for (const res of held) res.destroy();
    hang = false;
    const after = await addEvents(4); // queued behind the dead worker's lanes

    worker = await startWorker({ connectionString: process.env.DATABASE_URL as string, concurrency: 1, webhookConcurrency: 8, pollInterval: 100, deadAfterSeconds: DEAD_AFTER_SECONDS });
    const all = [...before, ...after];
    await eventually(async () => all.every((id) => delivered.has(id)), 20_000);

    // the dead pool was silent DEAD_AFTER_SECONDS before its locks went; allow one beat, a poll and the deliveries themselves
    const lastArrival = Math.max(...all.map((id) => delivered.get(id)!));
    expect(lastArrival - killedAt).toBeLessThan(DEAD_AFTER_SECONDS * 1000 + beatMs + 3_000);
    // the receiver saw them; their records follow its answers
    await eventually(async () => (await db.webhookDelivery.count({ where: { eventId: { in: all }, status: "SUCCEEDED" } })) === all.length, 5_000);
    await eventually(async () => (await lockedLanes()) === 0, 5_000);
    // only the live worker's two pools beat; the dead one's row is gone
    expect(await db.workerHeartbeat.count()).toBe(2);
    await worker.stop(); // its beats would release the made-up pools of the next test on their own
    worker = undefined;
    expect(await db.workerHeartbeat.count()).toBe(0);
  }, 60_000);
});

describe("releaseDeadWorkers", () => {
  it("releases locks of silent pools only once they are older than the bound", async () => {
    const pool = getPool();
    const job = async (lockedBy: string, lockedSecondsAgo: number) => {
      const { rows } = await pool.query<{ id: string }>("SELECT id FROM graphile_worker.add_job('cleanup-expired-keys', '{}'::json, run_at => now() + interval '1 hour')");
      await pool.query("UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - make_interval(secs => $2) WHERE id = $3", [
        lockedBy,
        lockedSecondsAgo,
        rows[0]!.id,
      ]);
      return rows[0]!.id;
    };
    const lockOf = async (id: string) =>
      (await pool.query<{ locked_by: string | null }>("SELECT locked_by FROM graphile_worker._private_jobs WHERE id = $1", [id])).rows[0]!.locked_by;

    await pool.query(`INSERT INTO "WorkerHeartbeat" (id, runner, host, pid, "beatAt") VALUES ('pool-alive', 'payments', 'h', 1, now()), ('pool-silent', 'payments', 'h', 2, now() - interval '1 minute')`);
    const ofDead = await job("pool-silent", 60);
    const ofNeverBeat = await job("pool-unknown", 60);
    const ofAliveLongJob = await job("pool-alive", 60);
    const fresh = await job("pool-starting", 1); // a pool that has not beaten yet

    const released = await releaseDeadWorkers(pool, 30_000);
    expect(released.sort()).toEqual(["pool-silent", "pool-unknown"]);
    expect(await lockOf(ofDead)).toBeNull();
    expect(await lockOf(ofNeverBeat)).toBeNull();
    expect(await lockOf(ofAliveLongJob)).toBe("pool-alive");
    expect(await lockOf(fresh)).toBe("pool-starting");
    const beats = await db.workerHeartbeat.findMany({ where: { id: { in: ["pool-alive", "pool-silent"] } } });
    expect(beats.map((b) => b.id)).toEqual(["pool-alive"]);
  });
});

describe("a pool that beats but runs nothing", () => {
  it("stops beating and is replaced once jobs of its tasks wait for the bound; a busy or idle one never is", async () => {
    const pool = getPool();
    const timing = { deadAfterMs: 1_000, beatMs: 200 };
    const heartbeat = startHeartbeat(process.env.DATABASE_URL as string, timing);
    const longAgo = Date.now() - 60_000;
    const stalls: string[] = [];
    const watch = (name: string, running: number, tasks: string[]) => ({ tasks, activity: () => ({ running, lastProgressAt: longAgo, busyJobIds: [] }), onStall: () => stalls.push(name) });
    try {
      // a job of a task no runner here serves, due for a minute: it starves every pool serving that task
      await pool.query("SELECT graphile_worker.add_job('test-starved-task', '{}'::json, run_at => now() - interval '1 minute')");
      heartbeat.add("pool-stalled", "payments", watch("stalled", 0, ["test-starved-task"]));
      heartbeat.add("pool-busy", "payments", watch("busy", 1, ["test-starved-task"])); // a run in progress: it ends within its time limit
      heartbeat.add("pool-idle", "payments", watch("idle", 0, ["cleanup-expired-keys"])); // nothing of its tasks waits
      await eventually(async () => stalls.length > 0, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 3 * timing.beatMs));
      expect(stalls).toEqual(["stalled"]);
      // the stalled pool beats no more: it is dead to the others, and whatever it locked is released
      const beating = await db.workerHeartbeat.findMany({ where: { id: { in: ["pool-stalled", "pool-busy", "pool-idle"] } }, select: { id: true } });
      await eventually(async () => (await releaseDeadWorkers(pool, timing.deadAfterMs), !(await db.workerHeartbeat.findUnique({ where: { id: "pool-stalled" } }))), 5_000);
      expect(beating.map((b) => b.id).sort()).toEqual(["pool-busy", "pool-idle", "pool-stalled"]);
    } finally {
      await heartbeat.stop();
      await pool.query("DELETE FROM graphile_worker._private_jobs WHERE task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'test-starved-task')");
    }
  });
});

/** A job added due now and, in the same transaction, locked by `lockedBy` a minute ago: a fetch whose answer never reached the pool. */
async function addOrphanedJob(lockedBy: string): Promise<string> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>("SELECT id::text FROM graphile_worker.add_job('cleanup-expired-keys', '{}'::json)");
    await client.query("UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - interval '1 minute' WHERE id = $2", [lockedBy, rows[0]!.id]);
    await client.query("COMMIT");
    return rows[0]!.id;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

async function jobRow(id: string): Promise<{ locked_by: string | null; attempts: number } | undefined> {
  return (await getPool().query<{ locked_by: string | null; attempts: number }>("SELECT locked_by, attempts FROM graphile_worker._private_jobs WHERE id = $1", [id])).rows[0];
}

describe("a pool that holds jobs it does not run (a fetch lost in a failover)", () => {
  it("is replaced and its jobs released at once, long before it would count as dead; a pool running or just fetching is left alone", async () => {
    const timing = { deadAfterMs: 6_000, beatMs: 200 };
    const heartbeat = startHeartbeat(process.env.DATABASE_URL as string, timing);
    const stalls: { name: string; at: number }[] = [];
    // recent progress on all three: the rule does not wait for a pool to be idle (a sweep may keep running beside the lost jobs)
    const watch = (name: string, busyJobIds: () => string[]) => ({
      tasks: ["cleanup-expired-keys"],
      activity: () => ({ running: 0, lastProgressAt: Date.now(), busyJobIds: busyJobIds() }),
      onStall: () => stalls.push({ name, at: Date.now() }),
    });
    let running = "";
    const ids: string[] = [];
    try {
      // the pools beat before they lock anything, as real ones do (a lock without a beat is a dead pool's)
      heartbeat.add("pool-wedged", "payments", watch("wedged", () => []));
      heartbeat.add("pool-running", "payments", watch("running", () => [running]));
      heartbeat.add("pool-fetching", "payments", watch("fetching", () => []));
      await eventually(async () => (await db.workerHeartbeat.count({ where: { id: { in: ["pool-wedged", "pool-running", "pool-fetching"] } } })) === 3, 5_000);
      const orphan = await addOrphanedJob("pool-wedged");
      running = await addOrphanedJob("pool-running"); // its own job, just ended: the completion is on its way
      const { rows } = await getPool().query<{ id: string }>(
        "SELECT id::text FROM graphile_worker.add_job('cleanup-expired-keys', '{}'::json, run_at => now() + interval '1 hour')",
      );
      const fresh = rows[0]!.id;
      await getPool().query("UPDATE graphile_worker._private_jobs SET locked_by = 'pool-fetching', locked_at = now() WHERE id = $1", [fresh]);
      ids.push(orphan, running, fresh);
      await eventually(async () => stalls.length > 0, 5_000);
      await eventually(async () => (await jobRow(orphan))?.locked_by === null, 3_000);
      // released well within the dead-pool bound: replaced at once, not left to go silent first
      expect(Date.now() - stalls[0]!.at).toBeLessThan(timing.deadAfterMs);
      await new Promise((resolve) => setTimeout(resolve, 5 * timing.beatMs));
      expect(stalls.map((s) => s.name)).toEqual(["wedged"]);
      expect((await jobRow(running))?.locked_by).toBe("pool-running");
      expect((await jobRow(fresh))?.locked_by).toBe("pool-fetching");
    } finally {
      await heartbeat.stop();
      await getPool().query("DELETE FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[])", [ids]);
    }
  });

  it("a real worker replaces its pool that holds a job it never got, and the job runs", async () => {
    const deadAfterSeconds = 3;
    const live = await startWorker({ connectionString: process.env.DATABASE_URL as string, concurrency: 2, webhookConcurrency: 2, pollInterval: 100, deadAfterSeconds });
    try {
      const payments = async () => (await db.workerHeartbeat.findMany({ where: { runner: "payments", pid: process.pid } })).map((b) => b.id);
      await eventually(async () => (await payments()).length === 1, 10_000);
      const [wedged] = await payments();
      const job = await addOrphanedJob(wedged!);
      // released, then run by the replacing pool (the task finds nothing to clean: the job is gone)
      await eventually(async () => (await jobRow(job)) === undefined, 5 * deadAfterSeconds * 1000);
      // one payments pool beats: the new one (the replaced one's row goes once it is silent for the bound)
      await eventually(async () => {
        const now = await payments();
        return now.length === 1 && now[0] !== wedged;
      }, 5 * deadAfterSeconds * 1000);
    } finally {
      await live.stop();
    }
  }, 60_000);
});
