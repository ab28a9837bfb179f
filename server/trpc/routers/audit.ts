import { z } from "zod";
import { pagingSchema } from "@/server/domain/paging";
import { listAuditLogs } from "@/server/services/audit/list-audit-logs";
import { merchantProcedure, router } from "../procedures";

export const auditFilterSchema = z.object({
  action: z.string().trim().max(64).regex(/^[a-z_.]*$/).optional(),
  actorEmail: z.string().trim().max(254).optional(),
});

/** The merchant's own audit log (OWNER). */
export const auditRouter = router({
  list: merchantProcedure("audit.read")
    .input(pagingSchema.extend(auditFilterSchema.shape))
    .query(({ ctx, input }) =>
      listAuditLogs({ merchantId: ctx.merchant.id, action: input.action || undefined, actorEmail: input.actorEmail || undefined }, input),
    ),
});
