import { z } from "zod";
import { RATE_LIMIT_BOUNDS } from "./rate-limit";

/**
 * An app's Open API rate limit as the console edits it (react-hook-form + zodResolver, and the tRPC
 * procedure). Error messages are keys below `rateLimits.errors.*`.
 */
const whole = (bounds: { min: number; max: number }) =>
  z.coerce
    .number<string | number>({ error: "integerRequired" })
    .int({ error: "integerRequired" })
    .min(bounds.min, { error: "range" })
    .max(bounds.max, { error: "range" });

export const rateLimitSchema = z
  .object({ perSecond: whole(RATE_LIMIT_BOUNDS.perSecond), burst: whole(RATE_LIMIT_BOUNDS.burst) })
  // a burst below the rate would refuse requests the rate allows within one second
  .refine((value) => value.burst >= value.perSecond, { error: "burstBelowRate", path: ["burst"] });

export type RateLimitInput = z.input<typeof rateLimitSchema>;
