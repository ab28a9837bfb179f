import { db } from "@/server/db";
import { loadEnv } from "@/server/env";
import { enqueueJob } from "@/server/jobs/enqueue";
import { expireOrder, expireSweep } from "@/server/jobs/tasks/payment-jobs";

const BATCH = 500;

/**
 * Finds pending orders past their expiresAt that have no expiry job yet and adds one each (the job
 * closes their attempts at the channels, then the order). Creating an order therefore adds no job:
 * a graphile add_job per order halved the Open API's create throughput (docs/adr/0005). Returns how
 * many it queued.
 */
export async function sweepExpiredOrders(now = new Date()): Promise<number> {
  let queued = 0;
  for (;;) {
    const due = await db.$queryRaw<{ payOrderNo: string }[]>`
      SELECT o."payOrderNo" FROM "PayOrder" o
      WHERE o.status = 'PENDING' AND o."expiresAt" <= ${now}
        AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = 'expire-order:' || o."payOrderNo")
      ORDER BY o."expiresAt" LIMIT ${BATCH}`;
    if (due.length === 0) return queued;
    await db.$transaction(async (tx) => {
      for (const { payOrderNo } of due) await enqueueJob(tx, expireOrder, { payOrderNo }, { jobKey: `expire-order:${payOrderNo}` });
    });
    queued += due.length;
    if (due.length < BATCH) return queued;
  }
}

/**
 * The sweep job: sweeps, then schedules its next run EXPIRY_SWEEP_SECONDS later under one job key, so
 * one chain runs however often it is started (by the worker at start, and by cron every minute should
 * the chain ever break). EXPIRY_SWEEP_SECONDS=0 turns it off (the test suites call the sweep directly).
 */
export async function runExpireSweep(): Promise<void> {
  const seconds = loadEnv().EXPIRY_SWEEP_SECONDS;
  if (seconds === 0) return;
  await sweepExpiredOrders();
  await db.$transaction((tx) => enqueueJob(tx, expireSweep, {}, { jobKey: "expire-sweep", runAt: new Date(Date.now() + seconds * 1000) }));
}
