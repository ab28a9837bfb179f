import { z } from "zod";
import { can } from "@/server/domain/permissions";
import { refundFiltersSchema } from "@/server/domain/console-query-schema";
import { reviewRefundSchema } from "@/server/domain/refund-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { listRefunds } from "@/server/services/refunds/list-refunds";
import { retryRefund } from "@/server/services/refunds/retry-refund";
import { reviewRefund } from "@/server/services/refunds/review-refund";
import { merchantProcedure, router } from "../procedures";

export const refundsRouter = router({
  list: merchantProcedure("orders.read")
    .input(refundFiltersSchema)
    .query(async ({ ctx, input }) => ({ ...(await listRefunds(ctx.merchant.id, input)), mayReview: can(ctx.role, "refunds.review"), mayExport: can(ctx.role, "orders.export") })),
  review: merchantProcedure("refunds.review")
    .input(reviewRefundSchema)
    .mutation(({ ctx, input }) =>
      reviewRefund(ctx.merchant.id, input.refundNo, { id: ctx.user.id, actor: userActor(ctx) }, { decision: input.decision, note: input.note }),
    ),
  retry: merchantProcedure("refunds.review")
    .input(z.object({ refundNo: z.string().min(1).max(40) }))
    .mutation(({ ctx, input }) => retryRefund(ctx.merchant.id, input.refundNo, userActor(ctx))),
});
