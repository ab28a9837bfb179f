import { db } from "@/server/db";
import { loadEnv } from "@/server/env";
import { enqueueJob } from "@/server/jobs/enqueue";
import { orderSweep } from "@/server/jobs/tasks/order-jobs";
import { sweepOrderTimeouts } from "./order-timeouts";

/**
 * The order sweep job: sweeps, then schedules its next run EXPIRY_SWEEP_SECONDS later under one job
 * key (as the pay orders' expiry sweep does), so one chain runs however often cron starts it.
 * EXPIRY_SWEEP_SECONDS=0 turns it off (the test suites call sweepOrderTimeouts directly).
 */
export async function runOrderSweep(): Promise<void> {
  const seconds = loadEnv().EXPIRY_SWEEP_SECONDS;
  if (seconds === 0) return;
  await sweepOrderTimeouts();
  await db.$transaction((tx) => enqueueJob(tx, orderSweep, {}, { jobKey: "order-sweep", runAt: new Date(Date.now() + seconds * 1000) }));
}
