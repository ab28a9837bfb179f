import { z } from "zod";
import { defineJob } from "../define-job";

/**
 * Payment jobs. Definitions only (name, payload, schedule); handlers live in the services and are
 * imported lazily so that enqueuing a job never pulls the channel plugins into the caller.
 */

/** Status sync: queries an attempt without a result at the channel (+1 min, then every 5 min). */
export const syncPayment = defineJob({
  name: "sync-payment",
  payload: z.object({ attemptNo: z.string(), round: z.number().int().min(0) }),
  maxAttempts: 5,
  run: async (payload) => (await import("@/server/services/payments/sync-payment")).syncPayment(payload),
});

/** Expiry: closes the order's open attempts at their channels, then the order (queued by the sweep below). */
export const expireOrder = defineJob({
  name: "expire-order",
  payload: z.object({ payOrderNo: z.string() }),
  maxAttempts: 10,
  run: async ({ payOrderNo }) => (await import("@/server/services/payments/expire-pay-order")).expireOrder(payOrderNo),
});

/** Finds expired pending orders and queues their expiry; reschedules itself every EXPIRY_SWEEP_SECONDS. */
export const expireSweep = defineJob({
  name: "expire-sweep",
  payload: z.object({}),
  maxAttempts: 3,
  cron: "* * * * *",
  run: async () => (await import("@/server/services/payments/expire-sweep")).runExpireSweep(),
});

/** Closes an attempt superseded by a newer one (the consumer switched channel). */
export const closeAttempt = defineJob({
  name: "close-attempt",
  payload: z.object({ attemptNo: z.string() }),
  maxAttempts: 10,
  run: async ({ attemptNo }) => {
    await (await import("@/server/services/payments/close-attempt")).closeAttemptAtChannel(attemptNo);
  },
});

/** Sends a refund to the channel (a duplicate payment's automatic refund, merchant refunds). */
export const executeRefund = defineJob({
  name: "execute-refund",
  payload: z.object({ refundNo: z.string() }),
  maxAttempts: 8,
  run: async ({ refundNo }) => (await import("@/server/services/refunds/execute-refund")).executeRefund(refundNo),
});

/** Queries a refund without a result at the channel. */
export const syncRefund = defineJob({
  name: "sync-refund",
  payload: z.object({ refundNo: z.string(), round: z.number().int().min(0) }),
  maxAttempts: 5,
  run: async (payload) => (await import("@/server/services/refunds/sync-refund")).syncRefund(payload),
});

/** When status sync runs, relative to the attempt's start: +1 min, then every 5 min. */
export function syncDelayMs(round: number): number {
  return round === 0 ? 60_000 : 5 * 60_000;
}

/** Delivers one event to the merchant's notify URL; retried on the contract's schedule by rescheduling itself. */
export const deliverWebhook = defineJob({
  name: "deliver-webhook",
  payload: z.object({ deliveryId: z.string() }),
  // A worker killed mid-delivery counts an attempt (docs/adr/0012): leave room for a few crashes.
  maxAttempts: 5,
  run: async ({ deliveryId }) => (await import("@/server/services/webhooks/deliver-webhook")).deliverWebhook(deliveryId),
});
