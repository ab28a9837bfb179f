import type { Tx } from "@/server/db";
import type { JobDefinition } from "./define-job";
import type { z } from "zod";

export type EnqueueOptions = {
  runAt?: Date;
  /** Replaces a pending job with the same key (graphile-worker's job_key). */
  jobKey?: string;
  /** Jobs of one queue run one at a time, in order. */
  queueName?: string;
  maxAttempts?: number;
  priority?: number;
};

/**
 * Adds a job inside the caller's transaction (SQL graphile_worker.add_job): it exists only if the
 * change that caused it commits, so a crash can neither lose it nor run it for a rolled-back change.
 */
export async function enqueueJob<Schema extends z.ZodType>(
  tx: Tx,
  job: JobDefinition<Schema>,
  payload: z.infer<Schema>,
  options: EnqueueOptions = {},
): Promise<void> {
  const body = JSON.stringify(job.payload.parse(payload));
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    identifier => ${job.name}::text,
    payload => ${body}::json,
    queue_name => ${options.queueName ?? null}::text,
    run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? job.maxAttempts ?? 25}::int,
    job_key => ${options.jobKey ?? null}::text,
    priority => ${options.priority ?? 0}::int
  )`;
}
