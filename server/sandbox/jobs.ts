import { z } from "zod";
import { defineJob } from "@/server/jobs/define-job";

/**
 * Sandbox jobs, defined apart from their handlers (server/sandbox/job-handlers.ts) so the trade
 * store can queue them without importing the channels.
 */
/**
 * Attempts of one notification job. More than one: a worker killed while sending it counts an attempt
 * (docs/adr/0012), and the channel's retry chain must survive that. A repeat sends the notification
 * again, which the receiving side must take anyway.
 */
export const SANDBOX_NOTIFY_ATTEMPTS = 3;

export const sandboxNotify = defineJob({
  name: "sandbox-notify",
  payload: z.object({ kind: z.enum(["payment", "refund"]), id: z.string(), attempt: z.number().int().min(0) }),
  maxAttempts: SANDBOX_NOTIFY_ATTEMPTS,
  run: async (payload, helpers) => (await import("./job-handlers")).deliverSandboxNotification(payload, helpers),
});

export const sandboxSettleRefund = defineJob({
  name: "sandbox-settle-refund",
  payload: z.object({ refundId: z.string(), outcome: z.enum(["success", "fail"]) }),
  maxAttempts: 3,
  run: async ({ refundId, outcome }) => {
    await (await import("./trades")).settleRefund(refundId, outcome);
  },
});
