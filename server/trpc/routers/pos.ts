import { z } from "zod";
import { storeIdField } from "@/server/domain/member-schema";
import { ORDER_NO_SHAPE } from "@/server/domain/order-schema";
import { takePosPaymentSchema } from "@/server/domain/pos-schema";
import { cancelPosPayment } from "@/server/services/pos/cancel-pos-payment";
import { getPosPayment } from "@/server/services/pos/get-pos-payment";
import { getPosSetup } from "@/server/services/pos/get-pos-setup";
import { getPosTakings } from "@/server/services/pos/get-pos-takings";
import type { PosMember } from "@/server/services/pos/pos-member";
import { takePosPayment } from "@/server/services/pos/take-pos-payment";
import { merchantProcedure, router } from "../procedures";

type Ctx = { merchant: { id: string; status: string }; role: PosMember["role"]; storeIds: string[]; user: { id: string } };
const member = (ctx: Ctx): PosMember => ({ merchantId: ctx.merchant.id, merchantStatus: ctx.merchant.status, userId: ctx.user.id, role: ctx.role, storeIds: ctx.storeIds });

const orderNo = z.object({ orderNo: z.string().regex(ORDER_NO_SHAPE) });

/**
 * The store POS (门店收银): the owner and store cashiers (pos.use); a cashier only for its own stores. Take a barcode
 * payment, follow it, cancel it while the payer has not confirmed, and read the day's takings.
 */
export const posRouter = router({
  setup: merchantProcedure("pos.use").query(async ({ ctx }) => ({ ...(await getPosSetup(member(ctx))), merchantName: ctx.merchant.name })),
  take: merchantProcedure("pos.use")
    .input(takePosPaymentSchema)
    .mutation(({ ctx, input }) => takePosPayment({ member: member(ctx), input, clientIp: ctx.ip })),
  payment: merchantProcedure("pos.use")
    .input(orderNo)
    .query(({ ctx, input }) => getPosPayment(member(ctx), input.orderNo)),
  cancel: merchantProcedure("pos.use")
    .input(orderNo)
    .mutation(({ ctx, input }) => cancelPosPayment(member(ctx), input.orderNo)),
  takings: merchantProcedure("pos.use")
    .input(z.object({ storeId: storeIdField.optional() }))
    .query(({ ctx, input }) => getPosTakings(member(ctx), { storeId: input.storeId })),
});
