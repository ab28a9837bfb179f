import { z } from "zod";
import { CHANNEL_CODES } from "@/server/domain/channel-codes";
import { singleLine } from "@/server/domain/form-text";
import { pagingSchema } from "@/server/domain/paging";
import { changeMerchantStatus, type StatusDecision } from "@/server/services/admin/change-merchant-status";
import { getMerchantReview } from "@/server/services/admin/get-merchant-review";
import { FAILED_RESULTS, getCallback, listFailedCallbacks } from "@/server/services/admin/list-failed-callbacks";
import { listMerchants } from "@/server/services/admin/list-merchants";
import { listReviewQueue } from "@/server/services/admin/list-review-queue";
import { listAuditLogs } from "@/server/services/audit/list-audit-logs";
import { userActor } from "@/server/services/audit/record-audit";
import { adminDashboardInputSchema } from "@/server/domain/report-schema";
import { getAdminDashboard } from "@/server/services/reports/get-admin-dashboard";
import { adminProcedure, router } from "../procedures";
import { auditFilterSchema } from "./audit";

const merchantStatus = z.enum(["DRAFT", "PENDING_REVIEW", "ACTIVE", "REJECTED", "SUSPENDED"]);
const mchNo = z.string().trim().max(32).regex(/^[A-Za-z0-9]*$/);
const withReason = z.object({ mchNo: mchNo.min(1), reason: singleLine(2, 500) });
const withoutReason = z.object({ mchNo: mchNo.min(1) });

/** An operator's decision on a merchant; reject and suspend need a reason the merchant will read. */
function decision(name: StatusDecision) {
  return adminProcedure
    .input(withoutReason)
    .mutation(({ ctx, input }) => changeMerchantStatus({ mchNo: input.mchNo, decision: name, actor: userActor(ctx) }));
}

function decisionWithReason(name: StatusDecision) {
  return adminProcedure
    .input(withReason)
    .mutation(({ ctx, input }) => changeMerchantStatus({ mchNo: input.mchNo, decision: name, reason: input.reason, actor: userActor(ctx) }));
}

export const adminRouter = router({
  merchants: adminProcedure
    .input(z.object({ status: merchantStatus.optional() }).optional())
    .query(({ input }) => listMerchants({ status: input?.status })),
  reviewQueue: adminProcedure.query(() => listReviewQueue()),
  merchantReview: adminProcedure.input(withoutReason).query(({ input }) => getMerchantReview(input.mchNo)),
  approve: decision("approve"),
  reject: decisionWithReason("reject"),
  suspend: decisionWithReason("suspend"),
  reinstate: decision("reinstate"),
  failedCallbacks: adminProcedure
    .input(
      pagingSchema.extend({
        result: z.enum(FAILED_RESULTS).optional(),
        channel: z.enum(CHANNEL_CODES).optional(),
        mchNo: mchNo.optional(),
        from: z.coerce.date().optional(),
        to: z.coerce.date().optional(),
      }),
    )
    .query(({ input }) =>
      listFailedCallbacks({ result: input.result, channel: input.channel || undefined, mchNo: input.mchNo || undefined, from: input.from, to: input.to }, input),
    ),
  callback: adminProcedure.input(z.object({ id: z.string().max(20) })).query(({ input }) => getCallback(input.id)),
  auditLogs: adminProcedure
    .input(pagingSchema.extend(auditFilterSchema.shape).extend({ mchNo: mchNo.optional() }))
    .query(({ input }) =>
      listAuditLogs({ mchNo: input.mchNo || undefined, action: input.action || undefined, actorEmail: input.actorEmail || undefined }, input),
    ),
  /** The finance dashboard across every merchant, or one merchant by number. */
  reports: adminProcedure.input(adminDashboardInputSchema).query(({ input }) => getAdminDashboard(input)),
});
