import { z } from "zod";
import { defineJob } from "../define-job";

/** Writes one export file (CSV/XLSX) from the ledger, orders or refunds. */
export const runExport = defineJob({
  name: "run-export",
  payload: z.object({ exportId: z.string() }),
  maxAttempts: 3,
  maxRunSeconds: 30 * 60,
  run: async ({ exportId }) => (await import("@/server/services/exports/run-export")).runExport(exportId),
});

/** Hourly: deletes the files of exports past their expiry (the records stay, without a download). */
export const cleanupExpiredExports = defineJob({
  name: "cleanup-expired-exports",
  payload: z.object({}).passthrough(),
  cron: "17 * * * *",
  maxAttempts: 3,
  run: async () => {
    await (await import("@/server/services/exports/cleanup-expired-exports")).cleanupExpiredExports();
  },
});
