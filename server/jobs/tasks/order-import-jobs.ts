import { z } from "zod";
import { defineJob } from "../define-job";

/** Lands the items of an order import (added in the transaction that starts the import). */
export const runOrderImportJob = defineJob({
  name: "run-order-import",
  payload: z.object({ importId: z.string() }),
  maxAttempts: 5,
  run: async ({ importId }) => (await import("@/server/services/order-imports/run-order-import")).runOrderImport(importId),
});
