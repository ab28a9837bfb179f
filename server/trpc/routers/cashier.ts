import { z } from "zod";
import { classifyUserAgent } from "@/server/domain/user-agent";
import { cashierOrderSchema } from "@/server/services/cashier/cashier-order-view";
import { cashierAssetsSchema, getCashierAssets } from "@/server/services/cashier/get-cashier-assets";
import { cashierTradeSchema } from "@/server/services/cashier/cashier-trade-view";
import { checkCashierPayment } from "@/server/services/cashier/check-cashier-payment";
import { getCashierTrade } from "@/server/services/cashier/get-cashier-trade";
import { payCashierTrade, payCashierTradeSchema } from "@/server/services/cashier/pay-cashier-trade";
import { getCashierOrder } from "@/server/services/cashier/get-cashier-order";
import { startCashierPayment } from "@/server/services/cashier/start-cashier-payment";
import { ensureDeviceId } from "@/server/services/cashier/device-cookie";
import { publicProcedure, router } from "../procedures";
import type { TRPCContext } from "../context";

/**
 * The consumer cashier (`/pay/[payOrderNo]`): no sign-in — the payOrderNo is unguessable and every
 * answer is the cashier's own view of that one order (cashierOrderSchema), never more.
 */
const order = z.object({ payOrderNo: z.string().min(1).max(64) });

const deviceOf = (ctx: TRPCContext) => classifyUserAgent(ctx.headers.get("user-agent"));
/** The consumer's client for the risk check (CASHIER): the IP and the device cookie (set here when missing). */
const clientOf = (ctx: TRPCContext) => ({ ip: ctx.ip, deviceId: ensureDeviceId(ctx.headers, ctx.resHeaders) });

export const cashierRouter = router({
  order: publicProcedure
    .input(order)
    .output(cashierOrderSchema)
    .query(({ ctx, input }) => {
      ensureDeviceId(ctx.headers, ctx.resHeaders); // the device cookie before the first payment
      return getCashierOrder({ payOrderNo: input.payOrderNo, device: deviceOf(ctx) });
    }),

  pay: publicProcedure
    .input(order.extend({ channel: z.string().min(1).max(32) }))
    .output(cashierOrderSchema)
    .mutation(({ ctx, input }) => startCashierPayment({ ...input, device: deviceOf(ctx), clientIp: ctx.ip, deviceId: clientOf(ctx).deviceId })),

  check: publicProcedure
    .input(order)
    .output(cashierOrderSchema)
    .mutation(({ ctx, input }) => checkCashierPayment({ payOrderNo: input.payOrderNo, device: deviceOf(ctx) })),
  /** The order's buyer's coupons, points and wallet (the buyer is the order's, never an input); null when no trade may start. */
  assets: publicProcedure
    .input(order)
    .output(cashierAssetsSchema.nullable())
    .query(({ input }) => getCashierAssets({ payOrderNo: input.payOrderNo })),
  /** The page's trade (a trade pay order's own, an order's latest), polled until the coordinator ends it. */
  trade: publicProcedure
    .input(order)
    .output(cashierTradeSchema.nullable())
    .query(({ input }) => getCashierTrade({ payOrderNo: input.payOrderNo })),
  /** Pay with coupon / points / wallet: a trade of the order (lock mode, no channel); its channel part's cashier pays the rest. */
  payTrade: publicProcedure
    .input(payCashierTradeSchema)
    .output(cashierTradeSchema)
    .mutation(({ ctx, input }) => payCashierTrade(input, clientOf(ctx))),
});
