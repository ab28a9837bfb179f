import { z } from "zod";
import { httpUrl } from "@/server/domain/pay-order-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { listDeliveries, resendEvent, sendTestEvent } from "@/server/services/webhooks/console-webhooks";
import { merchantProcedure, router } from "../procedures";

export const webhooksRouter = router({
  deliveries: merchantProcedure("webhooks.manage")
    .input(
      z.object({
        appId: z.string().max(64).optional(),
        status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]).optional(),
        before: z.date().optional(),
      }),
    )
    .query(({ ctx, input }) => listDeliveries(ctx.merchant.id, input)),
  /** Resend any event: from the delivery log (DEVELOPER, OWNER) and from an order's page. */
  resend: merchantProcedure("webhooks.manage")
    .input(z.object({ eventId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => resendEvent(ctx.merchant.id, input.eventId, userActor(ctx))),
  sendTest: merchantProcedure("webhooks.manage")
    .input(z.object({ appId: z.string().min(1).max(64), url: httpUrl.optional() }))
    .mutation(({ ctx, input }) => sendTestEvent(ctx.merchant.id, input.appId, input.url, userActor(ctx))),
});
