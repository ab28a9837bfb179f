import { z } from "zod";
import { can } from "@/server/domain/permissions";
import { orderFiltersSchema } from "@/server/domain/console-query-schema";
import { consoleRefundSchema } from "@/server/domain/refund-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { getOrderDetail } from "@/server/services/pay-orders/get-pay-order-detail";
import { listOrders } from "@/server/services/pay-orders/list-pay-orders";
import { createConsoleRefund } from "@/server/services/refunds/create-console-refund";
import { merchantProcedure, router } from "../procedures";

export const payOrdersRouter = router({
  list: merchantProcedure("orders.read")
    .input(orderFiltersSchema)
    .query(async ({ ctx, input }) => ({ ...(await listOrders(ctx.merchant.id, input)), mayExport: can(ctx.role, "orders.export") })),
  detail: merchantProcedure("orders.read")
    .input(z.object({ payOrderNo: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getOrderDetail(ctx.merchant.id, input.payOrderNo, ctx.role)),
  refund: merchantProcedure("refunds.request")
    .input(consoleRefundSchema)
    .mutation(({ ctx, input }) => createConsoleRefund(ctx.merchant.id, { id: ctx.user.id, actor: userActor(ctx) }, input)),
});
