import { z } from "zod";
import { defineJob } from "../define-job";

/**
 * Order center jobs. Definitions only; handlers live in the services and are imported lazily.
 */

/** The order center's deadlines (payment window, presale balance, auto-complete, shipping): a sweep every EXPIRY_SWEEP_SECONDS. */
export const orderSweep = defineJob({
  name: "order-sweep",
  payload: z.object({}),
  maxAttempts: 3,
  cron: "* * * * *",
  run: async () => (await import("@/server/services/orders/run-order-sweep")).runOrderSweep(),
});
