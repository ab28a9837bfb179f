import { z } from "zod";
import { CHANNEL_CODES } from "./channel-codes";

const bps = z.coerce
  .number<string | number>({ error: "integerRequired" })
  .int({ error: "integerRequired" })
  .min(0, { error: "bpsRange" })
  .max(10_000, { error: "bpsRange" });

/**
 * The channel account form's shape, shared by the console and the tRPC procedures. Credentials are a
 * map of the plugin's fields (validated on the server by the plugin's own schema); a secret field left
 * blank on edit keeps the stored value. Error messages are keys below `channelAccounts.errors.*`.
 */
export const channelAccountSettingsSchema = z.object({
  name: z.string().trim().min(1, { error: "nameRequired" }).max(64, { error: "nameTooLong" }),
  modes: z.array(z.string().min(1).max(16)).min(1, { error: "modesRequired" }).max(8),
  feeRateBps: bps,
  subsidyBps: bps,
  priority: z.coerce
    .number<string | number>({ error: "integerRequired" })
    .int({ error: "integerRequired" })
    .min(-1000, { error: "priorityRange" })
    .max(1000, { error: "priorityRange" }),
  enabled: z.boolean(),
  /** "" = the channel's production URL (LIVE) or the built-in sandbox (TEST). */
  baseUrl: z
    .string()
    .trim()
    .max(512, { error: "urlTooLong" })
    .refine((value) => value === "" || /^https?:\/\/[^\s]+$/i.test(value), { error: "urlInvalid" }),
  /** Field values by name; a blank secret keeps the stored one. */
  credentials: z.record(z.string().max(64), z.string().max(16_384)),
});

export const createChannelAccountSchema = channelAccountSettingsSchema.extend({
  channel: z.enum(CHANNEL_CODES),
  /** Generate credentials and open a merchant at the built-in sandbox instead of entering real ones. */
  sandbox: z.boolean(),
});

export type ChannelAccountSettingsInput = z.input<typeof channelAccountSettingsSchema>;
export type CreateChannelAccountInput = z.input<typeof createChannelAccountSchema>;

/** The sandbox's fault injection, as the console edits it (per-mille rates, milliseconds). */
export const faultsFormSchema = z.object({
  declinePerMille: z.coerce.number<string | number>({ error: "integerRequired" }).int({ error: "integerRequired" }).min(0, { error: "perMilleRange" }).max(1000, { error: "perMilleRange" }),
  latencyMs: z.coerce.number<string | number>({ error: "integerRequired" }).int({ error: "integerRequired" }).min(0, { error: "latencyRange" }).max(60_000, { error: "latencyRange" }),
  timeoutPerMille: z.coerce.number<string | number>({ error: "integerRequired" }).int({ error: "integerRequired" }).min(0, { error: "perMilleRange" }).max(1000, { error: "perMilleRange" }),
  errorPerMille: z.coerce.number<string | number>({ error: "integerRequired" }).int({ error: "integerRequired" }).min(0, { error: "perMilleRange" }).max(1000, { error: "perMilleRange" }),
  dropNotifications: z.boolean(),
  duplicateNotifications: z.boolean(),
  notificationDelayMs: z.coerce.number<string | number>({ error: "integerRequired" }).int({ error: "integerRequired" }).min(0, { error: "delayRange" }).max(3_600_000, { error: "delayRange" }),
});

export type FaultsFormInput = z.input<typeof faultsFormSchema>;
