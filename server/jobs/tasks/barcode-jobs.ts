import { z } from "zod";
import { defineJob } from "../define-job";

/**
 * The barcode payment loop (付款码, docs/adr/0023): queries an attempt whose channel said "still
 * processing" every few seconds, then reverses it; retries a failed reverse with backoff. One job
 * per attempt (job key `barcode-poll:<attemptNo>`), added with the attempt, rescheduling itself.
 */
export const barcodePoll = defineJob({
  name: "barcode-poll",
  payload: z.object({ attemptNo: z.string(), reverseTries: z.number().int().min(0).default(0) }),
  maxAttempts: 10,
  run: async (payload) => (await import("@/server/services/payments/barcode-poll")).runBarcodePoll(payload),
});
