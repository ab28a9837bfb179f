import { z } from "zod";
import { defineJob } from "../define-job";

/** Refunds an approved after-sale through the payment center (added in the approval's transaction). */
export const issueAfterSaleRefundsJob = defineJob({
  name: "issue-after-sale-refunds",
  payload: z.object({ afterSaleId: z.string() }),
  maxAttempts: 10,
  run: async ({ afterSaleId }) => (await import("@/server/services/after-sales/issue-after-sale-refunds")).issueAfterSaleRefunds(afterSaleId),
});
