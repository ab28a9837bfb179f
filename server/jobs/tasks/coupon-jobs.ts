import { z } from "zod";
import { logger } from "@/server/observability/logger";
import { expireCoupons } from "@/server/services/buyers/expire-coupons";
import { defineJob } from "../define-job";

/** Every minute: AVAILABLE coupons past their expiry become EXPIRED (views show it before already). */
export const expireCouponsJob = defineJob({
  name: "expire-coupons",
  payload: z.object({ batchSize: z.number().int().min(1).max(100_000).default(1000) }).passthrough(),
  cron: "* * * * *",
  maxAttempts: 3,
  async run({ batchSize }) {
    const expired = await expireCoupons(batchSize);
    if (expired > 0) logger.info({ expired }, "coupons expired");
  },
});
