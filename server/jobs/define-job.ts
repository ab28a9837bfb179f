import type { JobHelpers } from "graphile-worker";
import type { z } from "zod";

/**
 * A job: a name, a zod schema of its payload, and a handler. The payload is re-validated when the
 * job runs, so a malformed row in the queue fails loudly instead of doing something half.
 */
export type JobDefinition<Schema extends z.ZodType> = {
  name: string;
  payload: Schema;
  /** Cron pattern (UTC) when the job also runs on a schedule. */
  cron?: string;
  /** Queue of the scheduled runs (one at a time in a named queue), when they must not overlap. */
  cronQueueName?: string;
  /** Attempts before graphile-worker gives up (default 25). */
  maxAttempts?: number;
  /**
   * Longest a run may take before it counts as failed and is retried (default DEFAULT_MAX_RUN_SECONDS).
   * A run stuck on a dead connection must not hold its worker slot for ever (docs/adr/0012). The stuck
   * run is not killed — JavaScript cannot — so a job must stay safe to run twice (every job here is a
   * compare-and-set).
   */
  maxRunSeconds?: number;
  run: (payload: z.infer<Schema>, helpers: JobHelpers) => Promise<void>;
};

/** Every job here ends in seconds (channel and webhook calls have 10 s budgets); long ones say so. */
export const DEFAULT_MAX_RUN_SECONDS = 120;

export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}
