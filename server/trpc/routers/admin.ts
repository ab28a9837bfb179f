import { z } from "zod";
import { adminDashboardInputSchema } from "@/server/domain/report-schema";
import { listMerchants } from "@/server/services/admin/list-merchants";
import { getAdminDashboard } from "@/server/services/reports/get-admin-dashboard";
import { adminProcedure, router } from "../procedures";

const merchantStatus = z.enum(["DRAFT", "PENDING_REVIEW", "ACTIVE", "REJECTED", "SUSPENDED"]);

export const adminRouter = router({
  merchants: adminProcedure
    .input(z.object({ status: merchantStatus.optional() }).optional())
    .query(({ input }) => listMerchants({ status: input?.status })),
  /** The finance dashboard across every merchant, or one merchant by number. */
  reports: adminProcedure.input(adminDashboardInputSchema).query(({ input }) => getAdminDashboard(input)),
});
