import { z } from "zod";
import { userActor } from "@/server/services/audit/record-audit";
import { listAlertRules, updateAlertRule } from "@/server/services/alerts-console/alert-rules";
import { createAlertTarget, deleteAlertTarget, listAlertTargets, updateAlertTarget } from "@/server/services/alerts-console/alert-targets";
import { getBellSummary, markIncidentsSeen } from "@/server/services/alerts-console/bell";
import { getChannelHealth } from "@/server/services/alerts-console/channel-health";
import { byId, createTargetSchema, healthInputSchema, incidentFilterSchema, targetViewSchema, updateRuleSchema, updateTargetSchema } from "@/server/services/alerts-console/console-schemas";
import { acknowledgeIncident, listIncidents, resolveIncident } from "@/server/services/alerts-console/incidents";
import { sendTestAlertMessage } from "@/server/services/alerts-console/send-test-message";
import { adminProcedure, router } from "../procedures";

const PLATFORM = null;

/**
 * Operators' monitoring: the platform's alert rules (incl. JOB_BACKLOG) and targets, every merchant's channel health,
 * and incidents of the platform (`scope: "platform"`) or of every owner (`scope: "all"`).
 */
export const adminAlertsRouter = router({
  health: adminProcedure.input(healthInputSchema).query(({ input }) => getChannelHealth(null, input.range)),
  incidents: adminProcedure
    .input(incidentFilterSchema.extend({ scope: z.enum(["platform", "all"]).default("all") }))
    .query(({ input: { scope, ...filter } }) => listIncidents(scope === "all" ? { all: true } : PLATFORM, filter)),
  acknowledge: adminProcedure.input(byId).mutation(({ ctx, input }) => acknowledgeIncident({ all: true }, input.id, { userId: ctx.user.id, actor: userActor(ctx) })),
  resolve: adminProcedure.input(byId).mutation(({ ctx, input }) => resolveIncident({ all: true }, input.id, { userId: ctx.user.id, actor: userActor(ctx) })),
  rules: adminProcedure.query(async () => ({ rules: await listAlertRules(PLATFORM), mayManage: true })),
  updateRule: adminProcedure.input(updateRuleSchema).mutation(({ ctx, input }) => updateAlertRule(PLATFORM, input.id, input.rule, userActor(ctx))),
  targets: adminProcedure
    .output(z.object({ targets: z.array(targetViewSchema), mayManage: z.boolean() }))
    .query(async () => ({ targets: await listAlertTargets(PLATFORM), mayManage: true })),
  createTarget: adminProcedure
    .input(createTargetSchema)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => createAlertTarget(PLATFORM, input.target, userActor(ctx))),
  updateTarget: adminProcedure
    .input(updateTargetSchema)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input: { id, ...update } }) => updateAlertTarget(PLATFORM, id, update, userActor(ctx))),
  deleteTarget: adminProcedure.input(byId).mutation(({ ctx, input }) => deleteAlertTarget(PLATFORM, input.id, userActor(ctx))),
  /** Sends a test message through the alerts' own notifier; answers { ok } or a reason a person can act on. */
  testTarget: adminProcedure.input(byId).mutation(({ ctx, input }) => sendTestAlertMessage(PLATFORM, input.id, userActor(ctx))),
  bell: adminProcedure.query(() => getBellSummary(PLATFORM)),
  markSeen: adminProcedure.mutation(() => markIncidentsSeen(PLATFORM)),
});
