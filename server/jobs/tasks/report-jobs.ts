import { z } from "zod";
import { defineJob } from "../define-job";

/** Hourly: folds the rollups' slots of settled hours into one row (server/services/reports/compact-rollups.ts). */
export const compactReportRollups = defineJob({
  name: "compact-report-rollups",
  payload: z.object({}).passthrough(),
  cron: "7 * * * *",
  maxAttempts: 3,
  maxRunSeconds: 30 * 60,
  run: async () => {
    await (await import("@/server/services/reports/compact-rollups")).compactRollups();
  },
});
