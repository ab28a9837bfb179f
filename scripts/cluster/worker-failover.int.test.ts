// The job worker across a failover, for real: the cluster's PostgreSQL pair (primary + streaming replica,
// synchronous), a worker started on the multi-host URL that follows the primary, kill -9 of the primary,
// promotion of the replica — and the same worker, never restarted, runs jobs and beats on the new primary.
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../lib/database.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { PostgresPair } from "./postgres-pair.ts";

const PRIMARY_PORT = 54624;
const REPLICA_PORT = 54625;

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

  beforeAll(async () => {
    await pair.start();
    await prepareDatabase(pair.writerUrl);
    await pair.startReplica();
    process.env.DATABASE_URL = pair.followUrl; // the tasks' own db client follows the primary too
  }, 120_000);

  afterAll(async () => {
    await worker?.stop().catch(() => undefined);
    const { getDb } = await import("../../server/db.ts");
    await getDb().$disconnect().catch(() => undefined);
    await pair.stop();
  }, 60_000);

  it("runs jobs and beats on the promoted replica without a restart", async () => {
    expect((await pair.replicationState())?.syncState).toBe("sync");
    const { startWorker } = await import("../../server/jobs/worker.ts");
    worker = await startWorker({ connectionString: pair.followUrl, concurrency: 2, webhookConcurrency: 2, pollInterval: 200, deadAfterSeconds: 6 });

    await addJob(pair.writerUrl, "before-failover");
    await expect.poll(() => jobState(pair.writerUrl, "before-failover"), { timeout: 15_000, interval: 200 }).toBe("ran");

    await pair.killPrimary();
    await pair.promoteReplica();
    expect(pair.writerUrl).toContain(`:${REPLICA_PORT}/`);
    const promotedAt = new Date();

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
  }, 150_000);
});
