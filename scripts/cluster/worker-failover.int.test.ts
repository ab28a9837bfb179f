// The job worker across a failover, for real: the cluster's PostgreSQL pair (primary + streaming replica,
// synchronous), a worker started on the multi-host URL that follows the primary, kill -9 of the primary,
// promotion of the replica — and the same worker, never restarted, runs jobs and beats on the new primary.
// A job running across the failover has its completion recorded on the server it was fetched from or nowhere:
// its runner is pinned to that server (server/jobs/worker.ts), so the job is run again on the new primary once
// its lock is released, never deleted there by a completion whose handler may have written to the old one.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../lib/database.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { PostgresPair } from "./postgres-pair.ts";

const PRIMARY_PORT = 24624;
const REPLICA_PORT = 24625;

/** Adds a delivery job for a delivery that does not exist (the task finds nothing and ends): proof the runner runs. */
async function addJob(url: string, id: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SELECT graphile_worker.add_job('deliver-webhook', json_build_object('deliveryId', $1::text), job_key => $1::text)`, [id]);
  } finally {
    await client.end();
  }
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function jobState(url: string, id: string): Promise<"ran" | "waiting"> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT attempts FROM graphile_worker._private_jobs WHERE key = $1`, [id]);
    return rows.length === 0 || rows[0].attempts > 0 ? "ran" : "waiting";
  } finally {
    await client.end();
  }
}

describe("job worker on a multi-host DATABASE_URL across a failover", () => {
  const pair = new PostgresPair({ dir: path.join(REPO_ROOT, ".data", "worker-failover-test"), primaryPort: PRIMARY_PORT, replicaPort: REPLICA_PORT, synchronous: true, fresh: true });
  let worker: { stop(): Promise<void> } | undefined;

  // the merchant's endpoint: holds the first delivery until told, answers the others at once
  const held: ServerResponse[] = [];
  let holding = true;
  const arrivals: string[] = [];
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      arrivals.push(String(req.headers["x-paycenter-event-id"]));
      if (holding) held.push(res);
      else res.writeHead(200).end("ok");
    });
  });

  beforeAll(async () => {
    await pair.start();
    await prepareDatabase(pair.writerUrl);
    process.env.DATABASE_URL = pair.followUrl; // the tasks' own db client follows the primary too (the replica is not up yet)
    const { useFixedDemoApps, DEMO_APP } = await import("../../server/testing/open-api-client.ts");
    useFixedDemoApps();
    const { seedIfEmpty } = await import("../../prisma/seed.ts");
    await seedIfEmpty();
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { getDb } = await import("../../server/db.ts");
    await getDb().app.update({ where: { id: DEMO_APP.id }, data: { notifyUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify` } });
    await pair.startReplica();
  }, 180_000);

  afterAll(async () => {
    await worker?.stop().catch(() => undefined);
    const { getDb } = await import("../../server/db.ts");
    await getDb().$disconnect().catch(() => undefined);
    await pair.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }, 60_000);

  it("runs jobs and beats on the promoted replica without a restart", async () => {
    expect((await pair.replicationState())?.syncState).toBe("sync");
    const { startWorker } = await import("../../server/jobs/worker.ts");
    worker = await startWorker({ connectionString: pair.followUrl, concurrency: 2, webhookConcurrency: 2, pollInterval: 200, deadAfterSeconds: 6 });

    await addJob(pair.writerUrl, "before-failover");
    await expect.poll(() => jobState(pair.writerUrl, "before-failover"), { timeout: 15_000, interval: 200 }).toBe("ran");

    // a delivery whose job runs across the failover: its handler waits on the held endpoint
    const { db } = await import("../../server/db.ts");
    const { recordEvent } = await import("../../server/services/events/record-event.ts");
    const { DEMO_APP } = await import("../../server/testing/open-api-client.ts");
    const app = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } });
    const eventId = await db.$transaction((tx) => recordEvent(tx, { merchantId: app.merchantId, appId: app.id, type: "pay_order.closed", data: { n: 1 } }));
    await expect.poll(() => held.length, { timeout: 15_000, interval: 100 }).toBe(1);
    const [{ id: jobId }] = await query<{ id: string }>(pair.writerUrl, `SELECT j.id::text FROM graphile_worker._private_jobs j
      JOIN "WebhookDelivery" d ON j.payload->>'deliveryId' = d.id WHERE d."eventId" = $1`, [eventId]);

    await pair.killPrimary();
    await pair.promoteReplica();
    expect(pair.writerUrl).toContain(`:${REPLICA_PORT}/`);
    const promotedAt = new Date();

    // the handler gets its answer and records the delivery — on the new primary, through the app's following client
    holding = false;
    held.shift()!.writeHead(200).end("ok");
    const delivery = () => query<{ status: string }>(pair.writerUrl, `SELECT status FROM "WebhookDelivery" WHERE "eventId" = $1`, [eventId]);
    await expect.poll(async () => (await delivery())[0]?.status, { timeout: 20_000, interval: 100 }).toBe("SUCCEEDED");
    await sleep(1_000);
    // its completion could not be recorded on the server the job was fetched from (gone): the job is still there,
    // locked by the old runner — no completion went to a server the runner did not fetch it from
    const [job] = await query<{ locked_by: string | null }>(pair.writerUrl, `SELECT locked_by FROM graphile_worker._private_jobs WHERE id = $1`, [jobId]);
    expect(job).toBeDefined();
    // released once its runner is silent (deadAfterSeconds), the new runner runs it again: it finds the delivery done
    await expect
      .poll(async () => (await query(pair.writerUrl, `SELECT 1 FROM graphile_worker._private_jobs WHERE id = $1`, [jobId])).length, { timeout: 30_000, interval: 500 })
      .toBe(0);
    expect(arrivals.filter((id) => id === eventId)).toHaveLength(1); // the re-run did not deliver twice

    await addJob(pair.writerUrl, "after-failover");
    await expect.poll(() => jobState(pair.writerUrl, "after-failover"), { timeout: 60_000, interval: 500 }).toBe("ran");

    const client = new pg.Client({ connectionString: pair.writerUrl });
    await client.connect();
    try {
      await sleep(100);
      await expect
        .poll(async () => (await client.query(`SELECT count(*)::int AS n FROM "WorkerHeartbeat" WHERE "beatAt" > $1`, [promotedAt])).rows[0].n, { timeout: 30_000, interval: 500 })
        .toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  }, 180_000);
});
