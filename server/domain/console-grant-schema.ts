import { z } from "zod";
import { GRANT_LIMITS } from "./buyer-asset-schema";
import { isStorableText } from "./storable-text";

/**
 * Points granted by a person in the console (发放积分): a whole number within the Open API's limits and an
 * optional reason, as typed. Messages are keys below `buyers.grant.errors`.
 */
export const consoleGrantSchema = z.object({
  points: z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, "pointsWhole")
    .transform(Number)
    .refine((n) => n >= GRANT_LIMITS.min && n <= GRANT_LIMITS.max, "pointsRange"),
  reason: z
    .string()
    .trim()
    .max(128, "reasonTooLong")
    .refine((v) => isStorableText(v) && !/[\u0000-\u001f\u007f]/.test(v), "reasonInvalid"),
});

export type ConsoleGrantForm = z.input<typeof consoleGrantSchema>;
