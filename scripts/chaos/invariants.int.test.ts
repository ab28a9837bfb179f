// The invariant checker's job checks on a real database: every given-up and every long-due job is named, and a
// sweep run superseded by graphile-worker's add_job (its key taken by the next run while it ran) is the only
// given-up job counted as green.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dueJobsCheck, givenUpJobsCheck } from "./invariants.ts";

let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});

afterAll(async () => {
  await pool.end();
});

beforeEach(async () => {
  await pool.query("DELETE FROM graphile_worker._private_jobs");
});

/** The sweep's run as a worker holds it, then the run re-adds the chain under the same key (expire-sweep.ts). */
async function supersededSweepRun(task: string): Promise<{ old: string; next: string }> {
  const first = await pool.query<{ id: string }>("SELECT id::text FROM graphile_worker.add_job($1, '{}'::json, job_key => $1, max_attempts => 3)", [task]);
  const old = first.rows[0]!.id;
  await pool.query("UPDATE graphile_worker._private_jobs SET locked_by = 'pool-killed', locked_at = now(), attempts = 1 WHERE id = $1", [old]);
  const second = await pool.query<{ id: string }>(
    "SELECT id::text FROM graphile_worker.add_job($1, '{}'::json, job_key => $1, run_at => now() + interval '5 seconds', max_attempts => 3)",
    [task],
  );
  // the worker is killed before the run completes; its lock is released as a dead pool's
  await pool.query("SELECT graphile_worker.force_unlock_workers(ARRAY['pool-killed'])");
  return { old, next: second.rows[0]!.id };
}

describe("givenUpJobsCheck", () => {
  it("counts a superseded run of a self-rescheduling sweep as green, and names it", async () => {
    const { old, next } = await supersededSweepRun("expire-sweep");
    const { rows } = await pool.query("SELECT key, attempts, max_attempts FROM graphile_worker._private_jobs WHERE id = $1", [old]);
    expect(rows[0]).toEqual({ key: null, attempts: 3, max_attempts: 3 }); // graphile-worker's own doing
    const check = await givenUpJobsCheck(pool);
    expect(check.ok).toBe(true);
    expect(check.detail).toContain(`superseded sweep run expire-sweep#${old}`);
    expect(check.detail).toContain(`next run #${next}`);
  });

  it("counts a superseded run of a cron-driven sweep as green once cron has scheduled a newer run", async () => {
    const { old, next } = await supersededSweepRun("evaluate-alerts");
    await pool.query("DELETE FROM graphile_worker._private_jobs WHERE id = $1", [next]); // the newer run succeeded (deleted), no chain after it
    await pool.query(
      `INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution) VALUES ('evaluate-alerts', now(), now() - interval '1 hour')
       ON CONFLICT (identifier) DO UPDATE SET last_execution = EXCLUDED.last_execution`,
    );
    expect((await givenUpJobsCheck(pool)).ok).toBe(false); // cron's last run is older than it: nothing newer known
    await pool.query("UPDATE graphile_worker._private_known_crontabs SET last_execution = now() + interval '1 minute' WHERE identifier = 'evaluate-alerts'");
    const check = await givenUpJobsCheck(pool);
    expect(check.ok).toBe(true);
    expect(check.detail).toContain(`superseded sweep run evaluate-alerts#${old}`);
  });

  it("is red for a given-up job of any other task, naming its task, key and last error", async () => {
    const { rows } = await pool.query<{ id: string }>(
      "SELECT id::text FROM graphile_worker.add_job('sync-payment', '{}'::json, job_key => 'sync-payment:P1', max_attempts => 10)",
    );
    await pool.query("UPDATE graphile_worker._private_jobs SET attempts = 10, last_error = 'channel unreachable' WHERE id = $1", [rows[0]!.id]);
    const check = await givenUpJobsCheck(pool);
    expect(check.ok).toBe(false);
    expect(check.detail).toContain(`GIVEN UP sync-payment#${rows[0]!.id} (key sync-payment:P1, attempts 10/10, last error: channel unreachable)`);
  });

  it("is red for a sweep run given up without a newer run of its chain, or after failing", async () => {
    const { old, next } = await supersededSweepRun("order-sweep");
    await pool.query("DELETE FROM graphile_worker._private_jobs WHERE id = $1", [next]); // the chain broke
    const broken = await givenUpJobsCheck(pool);
    expect(broken.ok).toBe(false);
    expect(broken.detail).toContain(`GIVEN UP order-sweep#${old}`);

    await pool.query("DELETE FROM graphile_worker._private_jobs");
    const failed = await supersededSweepRun("expire-sweep");
    await pool.query("UPDATE graphile_worker._private_jobs SET last_error = 'deadlock detected' WHERE id = $1", [failed.old]);
    const check = await givenUpJobsCheck(pool);
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("last error: deadlock detected");
  });
});

describe("dueJobsCheck", () => {
  it("names every job due for longer than the bound, the sweeps' chains aside", async () => {
    await pool.query("SELECT graphile_worker.add_job('deliver-webhook', '{\"deliveryId\":\"D1\"}'::json, job_key => 'deliver:D1', run_at => now() - interval '2 minutes')");
    await pool.query("SELECT graphile_worker.add_job('sync-refund', '{}'::json, run_at => now() - interval '1 second')"); // due, but not for long
    await pool.query("SELECT graphile_worker.add_job('expire-sweep', '{}'::json, job_key => 'expire-sweep', run_at => now() - interval '2 minutes')");
    const check = await dueJobsCheck(pool, 60_000);
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/^deliver-webhook#\d+ \(key deliver:D1, attempts 0\/25, no error\)$/);

    await pool.query("DELETE FROM graphile_worker._private_jobs WHERE key = 'deliver:D1'");
    expect((await dueJobsCheck(pool, 60_000)).ok).toBe(true);
  });
});
