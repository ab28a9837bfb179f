import { z } from "zod";
import { requestLogFiltersSchema } from "@/server/domain/request-log-filters";
import { getRequestLog, listRequestLogs } from "@/server/services/request-logs/list-request-logs";
import { merchantProcedure, router } from "../procedures";

/** The Open API request log of the merchant's apps (console → developers; OWNER, DEVELOPER). */
export const requestLogsRouter = router({
  list: merchantProcedure("requestLogs.read")
    .input(requestLogFiltersSchema)
    .query(({ ctx, input }) => listRequestLogs(ctx.merchant.id, input)),
  get: merchantProcedure("requestLogs.read")
    .input(z.object({ id: z.string().min(1).max(20) }))
    .query(({ ctx, input }) => getRequestLog(ctx.merchant.id, input.id)),
});
