import { z } from "zod";
import { rateLimitSchema } from "@/server/domain/rate-limit-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { getAppRateLimit } from "@/server/services/apps/get-app-rate-limit";
import { updateAppRateLimit } from "@/server/services/apps/update-app-rate-limit";
import { merchantProcedure, router } from "../procedures";

const appId = z.object({ appId: z.string().min(1).max(64) });

/** An app's Open API rate limit (流量控制, ADR 0029): read by whoever sees the app, set by its owner or developer. */
export const appRateLimitsRouter = router({
  get: merchantProcedure("apps.read")
    .input(appId)
    .output(z.object({ perSecond: z.number().int().nullable(), burst: z.number().int() }))
    .query(({ ctx, input }) => getAppRateLimit(ctx.merchant.id, input.appId)),
  update: merchantProcedure("apps.manage")
    .input(appId.and(rateLimitSchema))
    .mutation(({ ctx, input: { appId: id, perSecond, burst } }) => updateAppRateLimit(ctx.merchant.id, userActor(ctx), id, { perSecond, burst })),
});
