import { z } from "zod";
import { listMerchants } from "@/server/services/admin/list-merchants";
import { adminProcedure, router } from "../procedures";

const merchantStatus = z.enum(["DRAFT", "PENDING_REVIEW", "ACTIVE", "REJECTED", "SUSPENDED"]);

export const adminRouter = router({
  merchants: adminProcedure
    .input(z.object({ status: merchantStatus.optional() }).optional())
    .query(({ input }) => listMerchants({ status: input?.status })),
});
