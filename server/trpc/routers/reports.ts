import { dashboardInputSchema } from "@/server/domain/report-schema";
import { ledgerFilterOptions } from "@/server/services/ledger/ledger-filter-options";
import { getDashboard } from "@/server/services/reports/get-dashboard";
import { merchantProcedure, router } from "../procedures";

export const reportsRouter = router({
  dashboard: merchantProcedure("reports.read")
    .input(dashboardInputSchema)
    .query(({ ctx, input }) => getDashboard({ merchantId: ctx.merchant.id, appId: input.appId, currency: input.currency }, input.range)),
  options: merchantProcedure("reports.read").query(({ ctx }) => ledgerFilterOptions(ctx.merchant.id)),
});
