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
  /** Attempts before graphile-worker gives up (default 25). */
  maxAttempts?: number;
  run: (payload: z.infer<Schema>, helpers: JobHelpers) => Promise<void>;
};

export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}
