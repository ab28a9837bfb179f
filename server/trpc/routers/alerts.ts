import { z } from "zod";
import { can } from "@/server/domain/permissions";
import { userActor } from "@/server/services/audit/record-audit";
import { listAlertRules, updateAlertRule } from "@/server/services/alerts-console/alert-rules";
import { createAlertTarget, deleteAlertTarget, listAlertTargets, updateAlertTarget } from "@/server/services/alerts-console/alert-targets";
import { getBellSummary, markIncidentsSeen } from "@/server/services/alerts-console/bell";
import { getChannelHealth } from "@/server/services/alerts-console/channel-health";
import { byId, createTargetSchema, healthInputSchema, incidentFilterSchema, targetViewSchema, updateRuleSchema, updateTargetSchema } from "@/server/services/alerts-console/console-schemas";
import { acknowledgeIncident, listIncidents, resolveIncident } from "@/server/services/alerts-console/incidents";
import { sendTestAlertMessage } from "@/server/services/alerts-console/send-test-message";
import { merchantProcedure, router } from "../procedures";

/**
 * A merchant's monitoring (监控告警): channel health, its incidents (acknowledge, resolve), its alert rules and
 * targets (robots and e-mail, secrets write-only), and the console bell. Reads need alerts.read, changes alerts.manage.
 */
export const alertsRouter = router({
  health: merchantProcedure("alerts.read")
    .input(healthInputSchema)
    .query(({ ctx, input }) => getChannelHealth(ctx.merchant.id, input.range)),
  incidents: merchantProcedure("alerts.read")
    .input(incidentFilterSchema)
    .query(async ({ ctx, input }) => ({ ...(await listIncidents(ctx.merchant.id, input)), mayManage: can(ctx.role, "alerts.manage") })),
  acknowledge: merchantProcedure("alerts.manage")
    .input(byId)
    .mutation(({ ctx, input }) => acknowledgeIncident(ctx.merchant.id, input.id, { userId: ctx.user.id, actor: userActor(ctx) })),
  resolve: merchantProcedure("alerts.manage")
    .input(byId)
    .mutation(({ ctx, input }) => resolveIncident(ctx.merchant.id, input.id, { userId: ctx.user.id, actor: userActor(ctx) })),
  rules: merchantProcedure("alerts.read").query(async ({ ctx }) => ({ rules: await listAlertRules(ctx.merchant.id), mayManage: can(ctx.role, "alerts.manage") })),
  updateRule: merchantProcedure("alerts.manage")
    .input(updateRuleSchema)
    .mutation(({ ctx, input }) => updateAlertRule(ctx.merchant.id, input.id, input.rule, userActor(ctx))),
  targets: merchantProcedure("alerts.read")
    .output(z.object({ targets: z.array(targetViewSchema), mayManage: z.boolean() }))
    .query(async ({ ctx }) => ({ targets: await listAlertTargets(ctx.merchant.id), mayManage: can(ctx.role, "alerts.manage") })),
  createTarget: merchantProcedure("alerts.manage")
    .input(createTargetSchema)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => createAlertTarget(ctx.merchant.id, input.target, userActor(ctx))),
  updateTarget: merchantProcedure("alerts.manage")
    .input(updateTargetSchema)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input: { id, ...update } }) => updateAlertTarget(ctx.merchant.id, id, update, userActor(ctx))),
  deleteTarget: merchantProcedure("alerts.manage")
    .input(byId)
    .mutation(({ ctx, input }) => deleteAlertTarget(ctx.merchant.id, input.id, userActor(ctx))),
  /** Sends a test message through the alerts' own notifier; answers { ok } or a reason a person can act on. */
  testTarget: merchantProcedure("alerts.manage").input(byId).mutation(({ ctx, input }) => sendTestAlertMessage(ctx.merchant.id, input.id, userActor(ctx))),
  bell: merchantProcedure("alerts.read").query(({ ctx }) => getBellSummary(ctx.merchant.id)),
  markSeen: merchantProcedure("alerts.read").mutation(({ ctx }) => markIncidentsSeen(ctx.merchant.id)),
});
