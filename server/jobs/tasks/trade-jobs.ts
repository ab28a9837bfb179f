import { z } from "zod";
import { defineJob } from "../define-job";

/**
 * Trade center jobs (docs/adr/0015). Definitions only; handlers live in the services and are imported lazily.
 */

/** Drives one trade as far as it can go now (confirm, cancel or compensate its parts); safe to run twice. */
export const driveTradeJob = defineJob({
  name: "drive-trade",
  payload: z.object({ tradeId: z.string().min(1).max(40) }),
  maxAttempts: 25,
  run: async ({ tradeId }) => {
    await (await import("@/server/services/trades/drive-trade")).driveTrade(tradeId);
  },
});

/** The sentinel: every minute, every trade that has not ended and is due is driven again (with backoff). */
export const tradeSentinelJob = defineJob({
  name: "trade-sentinel",
  payload: z.object({}),
  maxAttempts: 3,
  cron: "* * * * *",
  run: async () => {
    await (await import("@/server/services/trades/trade-sentinel")).runTradeSentinel();
  },
});
