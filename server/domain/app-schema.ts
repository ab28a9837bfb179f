import { z } from "zod";

/**
 * The app forms' shape, shared by the console (react-hook-form + zodResolver) and the tRPC procedures.
 * Error messages are message keys below `appForm.errors.*`; the form translates them.
 */

/** Yuan as the merchant types it: up to 2 decimals, at most 1,000,000,000.00; "" = no review. */
export const YUAN_PATTERN = /^\d{1,10}(\.\d{1,2})?$/;

const notifyUrl = z
  .string()
  .trim()
  .max(512, { error: "urlTooLong" })
  .refine((value) => value === "" || /^https?:\/\/[^\s]+$/i.test(value), { error: "urlInvalid" });

export const appSettingsSchema = z.object({
  name: z.string().trim().min(1, { error: "nameRequired" }).max(64, { error: "nameTooLong" }),
  /** "" = no default notify URL (each order must carry one). */
  notifyUrl,
  /** Refunds above this many yuan wait for review; "" = no review. */
  refundReviewThresholdYuan: z
    .string()
    .trim()
    .refine((value) => value === "" || YUAN_PATTERN.test(value), { error: "yuanInvalid" })
    .refine((value) => value === "" || Number(value) <= 1_000_000_000, { error: "yuanTooLarge" }),
  repeatGuardSeconds: z.coerce
    .number<string | number>({ error: "integerRequired" })
    .int({ error: "integerRequired" })
    .min(0, { error: "repeatGuardRange" })
    .max(3600, { error: "repeatGuardRange" }),
});

export const createAppSchema = appSettingsSchema.extend({
  mode: z.enum(["TEST", "LIVE"]),
});

export type AppSettingsInput = z.input<typeof appSettingsSchema>;
export type CreateAppInput = z.input<typeof createAppSchema>;

/** Key rotation: how long the old secret keeps verifying, in hours (0 = it stops at once). */
export const rotateSecretSchema = z.object({
  graceHours: z.coerce
    .number<string | number>({ error: "integerRequired" })
    .int({ error: "integerRequired" })
    .min(0, { error: "graceRange" })
    .max(168, { error: "graceRange" }),
});

export const DEFAULT_GRACE_HOURS = 24;
