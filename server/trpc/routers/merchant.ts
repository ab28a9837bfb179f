import { listApps } from "@/server/services/apps/list-apps";
import { getMerchantOverview } from "@/server/services/merchants/get-merchant-overview";
import { merchantProcedure, router } from "../procedures";

export const merchantRouter = router({
  overview: merchantProcedure("merchant.read").query(({ ctx }) => getMerchantOverview(ctx.merchant.id)),
  apps: merchantProcedure("apps.read").query(({ ctx }) => listApps(ctx.merchant.id)),
});
