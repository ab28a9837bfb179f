import { listApps } from "@/server/services/apps/list-apps";
import { getMerchantOverview } from "@/server/services/merchants/get-merchant-overview";
import { getMerchantHome } from "@/server/services/overview/get-merchant-home";
import { merchantProcedure, router } from "../procedures";

export const merchantRouter = router({
  overview: merchantProcedure("merchant.read").query(({ ctx }) => getMerchantOverview(ctx.merchant.id)),
  // the overview's figures, trend, latest activity and what needs attention (items narrowed to the role)
  home: merchantProcedure("merchant.read").query(({ ctx }) => getMerchantHome({ merchantId: ctx.merchant.id, role: ctx.role })),
  apps: merchantProcedure("apps.read").query(({ ctx }) => listApps(ctx.merchant.id)),
});
