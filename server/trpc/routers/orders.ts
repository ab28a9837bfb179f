import { z } from "zod";
import { can } from "@/server/domain/permissions";
import { orderFiltersSchema } from "@/server/domain/console-query-schema";
import { consoleRefundSchema } from "@/server/domain/refund-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { getOrderDetail } from "@/server/services/orders/get-order-detail";
import { listOrders } from "@/server/services/orders/list-orders";
import { createConsoleRefund } from "@/server/services/refunds/create-console-refund";
import { merchantProcedure, router } from "../procedures";

export const ordersRouter = router({
  list: merchantProcedure("orders.read")
    .input(orderFiltersSchema)
    .query(async ({ ctx, input }) => ({ ...(await listOrders(ctx.merchant.id, input)), mayExport: can(ctx.role, "orders.export") })),
  detail: merchantProcedure("orders.read")
    .input(z.object({ payOrderNo: z.string().min(1).max(64) }))
    .query(async ({ ctx, input }) => {
      const detail = await getOrderDetail(ctx.merchant.id, input.payOrderNo);
      const may = {
        refund: can(ctx.role, "refunds.request"),
        review: can(ctx.role, "refunds.review"),
        ledger: can(ctx.role, "ledger.read"),
        webhooks: can(ctx.role, "webhooks.manage"),
      };
      // Each role sees what it may: the journal is finance's, raw callbacks and deliveries the developers'.
      return {
        ...detail,
        may,
        entries: may.ledger ? detail.entries : null,
        callbacks: may.webhooks ? detail.callbacks : null,
        events: detail.events.map((event) => ({ ...event, deliveries: may.webhooks ? event.deliveries : null })),
      };
    }),
  refund: merchantProcedure("refunds.request")
    .input(consoleRefundSchema)
    .mutation(({ ctx, input }) => createConsoleRefund(ctx.merchant.id, { id: ctx.user.id, actor: userActor(ctx) }, input)),
});
