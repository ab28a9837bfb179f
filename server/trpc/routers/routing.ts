import { z } from "zod";
import { routeRuleSchema, routeRuleSetSchema } from "@/server/domain/route-rule-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { channelHealth } from "@/server/services/routing/channel-health";
import { recentDecisions } from "@/server/services/routing/recent-decisions";
import { listRouteRules, saveRouteRules } from "@/server/services/routing/route-rules";
import { listRoutingApps } from "@/server/services/routing/list-routing-apps";
import { simulateRouteRules } from "@/server/services/routing/simulate-route-rules";
import { merchantProcedure, router } from "../procedures";

const manage = merchantProcedure("routing.manage");
const appInput = z.object({ appId: z.string().min(1).max(64) });

export const routingRouter = router({
  apps: manage.query(({ ctx }) => listRoutingApps(ctx.merchant.id)),
  rules: manage.input(appInput).query(({ ctx, input }) => listRouteRules(ctx.merchant.id, input.appId)),
  save: manage
    .input(routeRuleSetSchema)
    .input(z.object({ version: z.number().int().min(0) }))
    .mutation(({ ctx, input }) => saveRouteRules(ctx.merchant.id, userActor(ctx), { appId: input.appId, rules: input.rules, version: input.version })),
  health: manage.input(appInput).query(({ ctx, input }) => channelHealth(ctx.merchant.id, input.appId)),
  simulate: manage
    .input(appInput.extend({ days: z.number().int().min(1).max(90), rules: z.array(routeRuleSchema).min(1).max(50) }))
    .mutation(({ ctx, input }) => simulateRouteRules(ctx.merchant.id, input.appId, input.days, input.rules)),
  decisions: manage
    .input(appInput.extend({ limit: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => recentDecisions(ctx.merchant.id, input.appId, input.limit)),
});
