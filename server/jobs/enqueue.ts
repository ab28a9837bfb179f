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
 * The SQL call `graphile_worker.add_job(...)` for a job, with its parameters numbered from `$first`
 * (so a caller can embed it in a larger statement), and their values.
 */
export function addJobCall<Schema extends z.ZodType>(
  job: JobDefinition<Schema>,
  payload: z.infer<Schema>,
  options: EnqueueOptions = {},
  first = 1,
): { text: string; values: unknown[] } {
  const $ = (i: number) => `$${first + i}`;
  return {
    text: `graphile_worker.add_job(identifier => ${$(0)}::text, payload => ${$(1)}::json, queue_name => ${$(2)}::text, run_at => ${$(3)}::timestamptz, max_attempts => ${$(4)}::int, job_key => ${$(5)}::text, priority => ${$(6)}::int)`,
    values: [
      job.name,
      JSON.stringify(job.payload.parse(payload)),
      options.queueName ?? null,
      options.runAt?.toISOString() ?? null,
      options.maxAttempts ?? job.maxAttempts ?? 25,
      options.jobKey ?? null,
      options.priority ?? 0,
    ],
  };
}

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
  const call = addJobCall(job, payload, options);
  await tx.$executeRawUnsafe(`SELECT ${call.text}`, ...call.values);
}
