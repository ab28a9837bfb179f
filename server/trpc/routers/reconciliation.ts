import { z } from "zod";
import { can } from "@/server/domain/permissions";
import {
  assignDifferenceSchema,
  bulkAssignSchema,
  bulkResolveSchema,
  calendarInputSchema,
  commentDifferenceSchema,
  differenceFiltersSchema,
  reconScheduleSchema,
  resolveDifferenceSchema,
  runFiltersSchema,
  startRunSchema,
} from "@/server/domain/reconciliation-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { findMerchantChannelAccount } from "@/server/services/channel-accounts/find-channel-account";
import { assignDifference, bulkAssignDifferences } from "@/server/services/reconciliation/assign-difference";
import { commentDifference } from "@/server/services/reconciliation/comment-difference";
import { getDifference } from "@/server/services/reconciliation/get-difference";
import { getRun } from "@/server/services/reconciliation/get-run";
import { listDifferences } from "@/server/services/reconciliation/list-differences";
import { listRuns } from "@/server/services/reconciliation/list-runs";
import { reconAssignees, reconChannelAccounts } from "@/server/services/reconciliation/recon-options";
import { bulkResolveDifferences, resolveDifference } from "@/server/services/reconciliation/resolve-difference";
import { runCalendar } from "@/server/services/reconciliation/run-calendar";
import { startReconciliation } from "@/server/services/reconciliation/start-run";
import { listReconSchedules, updateReconSchedule } from "@/server/services/reconciliation/update-recon-schedule";
import { merchantProcedure, router } from "../procedures";

const id = z.string().trim().min(1).max(64);

/**
 * Reconciliation (对账) for finance: runs per day and channel account, the discrepancy queue and its
 * workflow (assign, comment, resolve), a run on demand, the daily schedule. Reads need recon.read,
 * every change recon.manage (the schedule: recon.manage too, it is finance's routine).
 */
export const reconciliationRouter = router({
  options: merchantProcedure("recon.read").query(async ({ ctx }) => ({
      channelAccounts: await reconChannelAccounts(ctx.merchant.id),
      assignees: await reconAssignees(ctx.merchant.id),
      mayManage: can(ctx.role, "recon.manage"),
      viewerId: ctx.user.id,
    })),
  runs: merchantProcedure("recon.read")
    .input(runFiltersSchema)
    .query(({ ctx, input }) => listRuns(ctx.merchant.id, input)),
  calendar: merchantProcedure("recon.read")
    .input(calendarInputSchema)
    .query(({ ctx, input }) => runCalendar(ctx.merchant.id, input.month, input.channelAccountId)),
  run: merchantProcedure("recon.read")
    .input(z.object({ runId: id }))
    .query(({ ctx, input }) => getRun(ctx.merchant.id, input.runId)),
  differences: merchantProcedure("recon.read")
    .input(differenceFiltersSchema)
    .query(({ ctx, input }) => listDifferences(ctx.merchant.id, input, ctx.user.id)),
  difference: merchantProcedure("recon.read")
    .input(z.object({ differenceId: id }))
    .query(({ ctx, input }) => getDifference(ctx.merchant.id, input.differenceId)),
  assign: merchantProcedure("recon.manage")
    .input(assignDifferenceSchema)
    .mutation(({ ctx, input }) => assignDifference(ctx.merchant.id, input.differenceId, input.assigneeId, { id: ctx.user.id, actor: userActor(ctx) })),
  bulkAssign: merchantProcedure("recon.manage")
    .input(bulkAssignSchema)
    .mutation(async ({ ctx, input }) => ({
      outcomes: await bulkAssignDifferences(ctx.merchant.id, input.differenceIds, input.assigneeId, { id: ctx.user.id, actor: userActor(ctx) }),
    })),
  comment: merchantProcedure("recon.manage")
    .input(commentDifferenceSchema)
    .mutation(({ ctx, input }) => commentDifference(ctx.merchant.id, input.differenceId, input.body, { id: ctx.user.id, actor: userActor(ctx) })),
  resolve: merchantProcedure("recon.manage")
    .input(resolveDifferenceSchema)
    .mutation(({ ctx, input }) =>
      resolveDifference(ctx.merchant.id, input.differenceId, { resolution: input.resolution, note: input.note }, { id: ctx.user.id, actor: userActor(ctx) }),
    ),
  bulkResolve: merchantProcedure("recon.manage")
    .input(bulkResolveSchema)
    .mutation(async ({ ctx, input }) => ({
      outcomes: await bulkResolveDifferences(ctx.merchant.id, input.differenceIds, { resolution: input.resolution, note: input.note }, { id: ctx.user.id, actor: userActor(ctx) }),
    })),
  startRun: merchantProcedure("recon.manage")
    .input(startRunSchema)
    .mutation(async ({ ctx, input }) => {
      const account = await findMerchantChannelAccount(ctx.merchant.id, input.channelAccountId);
      return startReconciliation({ channelAccountId: account.id, billDate: input.billDate, trigger: "manual", requestedById: ctx.user.id });
    }),
  schedules: merchantProcedure("recon.read").query(({ ctx }) => listReconSchedules(ctx.merchant.id)),
  updateSchedule: merchantProcedure("recon.manage")
    .input(reconScheduleSchema)
    .mutation(({ ctx, input }) => updateReconSchedule(ctx.merchant.id, userActor(ctx), input)),
});
