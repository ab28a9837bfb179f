import { z } from "zod";
import { defineJob } from "../define-job";

/**
 * Settlement (docs/adr/0017): every hour at :20 — after the reconciliation schedule (:05) has started
 * yesterday's runs — cut the statements that are due (T1 days whose reconciliation closed, D0 hours).
 * One run at a time (queue `settlement`); a cut is serialized per merchant and idempotent anyway.
 */
export const cutDueStatementsJob = defineJob({
  name: "cut-due-statements",
  payload: z.object({}),
  maxAttempts: 3,
  cron: "20 * * * *",
  cronQueueName: "settlement",
  // a merchant-day of 10^6 entries cuts in well under a minute; many merchants in one run add up
  maxRunSeconds: 30 * 60,
  run: async () => {
    await (await import("@/server/services/settlement/cut-due-statements")).cutDueStatements();
  },
});
