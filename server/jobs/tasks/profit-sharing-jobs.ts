import { z } from "zod";
import { defineJob } from "../define-job";

/**
 * Profit sharing (分账) jobs, queued on `profit-sharing` (docs/profit-sharing.md). Definitions only;
 * handlers live in server/services/profit-sharing and are imported lazily.
 */

/** Binds a new receiver at its channel (BOUND, or FAILED with the channel's reason). */
export const bindReceiver = defineJob({
  name: "bind-receiver",
  payload: z.object({ receiverId: z.string() }),
  maxAttempts: 8,
  run: async ({ receiverId }) => (await import("@/server/services/profit-sharing/bind-receiver")).bindReceiverAtChannel(receiverId),
});

/** Unbinds a removed receiver at its channel. */
export const unbindReceiver = defineJob({
  name: "unbind-receiver",
  payload: z.object({ receiverId: z.string() }),
  maxAttempts: 8,
  run: async ({ receiverId }) => (await import("@/server/services/profit-sharing/bind-receiver")).unbindReceiverAtChannel(receiverId),
});

/** A paid order frozen for sharing: splits it by its app's rules (PROFIT_SHARING_DELAY_SECONDS after payment). */
export const autoSplit = defineJob({
  name: "auto-split",
  payload: z.object({ payOrderNo: z.string() }),
  maxAttempts: 10,
  run: async ({ payOrderNo }) => (await import("@/server/services/profit-sharing/run-split")).runAutoSplit(payOrderNo),
});

/** Sends a PENDING split to its channel; retried with backoff while the channel is down or says "too early". */
export const executeSplit = defineJob({
  name: "execute-split",
  payload: z.object({ splitNo: z.string() }),
  maxAttempts: 10,
  run: async ({ splitNo }) => (await import("@/server/services/profit-sharing/execute-split")).executeSplit(splitNo),
});

/** Queries a PROCESSING split until every receiver has its result. */
export const syncSplit = defineJob({
  name: "sync-split",
  payload: z.object({ splitNo: z.string(), round: z.number().int().min(0) }),
  maxAttempts: 5,
  run: async (payload) => (await import("@/server/services/profit-sharing/execute-split")).syncSplit(payload),
});

/** Queries a PROCESSING split return (分账回退) until the channel settles it. */
export const syncSplitReturn = defineJob({
  name: "sync-split-return",
  payload: z.object({ returnNo: z.string(), round: z.number().int().min(0) }),
  maxAttempts: 5,
  run: async (payload) => (await import("@/server/services/profit-sharing/split-returns")).syncSplitReturn(payload),
});
