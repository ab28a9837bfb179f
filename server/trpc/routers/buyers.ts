import { z } from "zod";
import { buyerIdSchema } from "@/server/domain/buyer-asset-schema";
import { consoleCouponSchema, MAX_COUPON_CSV_CHARS } from "@/server/domain/console-coupon-schema";
import { consoleGrantSchema } from "@/server/domain/console-grant-schema";
import { can } from "@/server/domain/permissions";
import { userActor } from "@/server/services/audit/record-audit";
import { getBuyer } from "@/server/services/buyers-console/get-buyer";
import { grantConsolePoints } from "@/server/services/buyers-console/grant-console-points";
import { issueConsoleCoupon, issueCouponCsv } from "@/server/services/buyers-console/issue-console-coupons";
import { listBuyerMovements } from "@/server/services/buyers-console/list-buyer-movements";
import { listBuyerTrades } from "@/server/services/buyers-console/list-buyer-trades";
import { decodeBuyerCursor, listBuyers } from "@/server/services/buyers-console/list-buyers";
import { listOrderTrades } from "@/server/services/buyers-console/order-trades";
import { decodeLedgerCursor } from "@/server/services/ledger/ledger-cursor";
import { merchantApps } from "@/server/services/pay-orders/list-pay-orders";
import { merchantProcedure, router } from "../procedures";

const buyer = z.object({ buyerId: buyerIdSchema });
const cursor = z.string().max(200).nullish();

/** A cursor in a console URL that no list handed out: the first page (a URL is typed, not trusted). */
function validOr<T>(text: string | null | undefined, decode: (text: string) => T): string | null {
  if (!text) return null;
  try {
    decode(text);
    return text;
  } catch {
    return null;
  }
}

type Ctx = { user: { id: string }; ip: string | null };
const actor = (ctx: Ctx) => userActor(ctx) as { type: "USER"; id: string; ip: string | null };

/**
 * The console's buyers (会员资产: the trade center's wallet, points and coupons per buyer) and the trades
 * of an order. Every read is scoped to the merchant; a DEALER has no buyers page (buyers.read), and sees
 * an order's trades only where it sees the order.
 */
export const buyersRouter = router({
  /** The merchant's buyers holding something, by buyer id prefix, keyset-paged in buyerId order. */
  list: merchantProcedure("buyers.read")
    .input(z.object({ search: z.string().trim().max(64).optional(), cursor }))
    .query(async ({ ctx, input }) => {
      const page = await listBuyers(ctx.merchant.id, { search: input.search || undefined, cursor: validOr(input.cursor, decodeBuyerCursor) });
      return { ...page, may: { manage: can(ctx.role, "buyers.manage") } };
    }),
  /** One buyer: wallet, points, newest coupons. */
  detail: merchantProcedure("buyers.read")
    .input(buyer)
    .query(async ({ ctx, input }) => ({ ...(await getBuyer(ctx.merchant.id, input.buyerId)), may: { manage: can(ctx.role, "buyers.manage") } })),
  /** The buyer's wallet and points movements, newest first, keyset-paged. */
  movements: merchantProcedure("buyers.read")
    .input(buyer.extend({ cursor }))
    .query(({ ctx, input }) => listBuyerMovements(ctx.merchant.id, input.buyerId, { cursor: validOr(input.cursor, decodeLedgerCursor) })),
  trades: merchantProcedure("buyers.read")
    .input(buyer)
    .query(({ ctx, input }) => listBuyerTrades(ctx.merchant.id, input.buyerId)),
  /** The apps coupons may be issued in (coupon numbers are unique per app). */
  issueApps: merchantProcedure("buyers.manage").query(({ ctx }) => merchantApps(ctx.merchant.id)),
  /** 发券 to one buyer (the form). */
  issueCoupon: merchantProcedure("buyers.manage")
    .input(z.object({ appId: z.string().min(1).max(64), requestId: z.uuid(), coupon: consoleCouponSchema }))
    .mutation(({ ctx, input }) => issueConsoleCoupon(ctx.merchant.id, actor(ctx), input)),
  /** 发券 from a CSV list: a result per row. */
  issueCouponCsv: merchantProcedure("buyers.manage")
    .input(z.object({ appId: z.string().min(1).max(64), csv: z.string().max(MAX_COUPON_CSV_CHARS) }))
    .mutation(({ ctx, input }) => issueCouponCsv(ctx.merchant.id, actor(ctx), input)),
  /** 发放积分 to one buyer (credited at once); a double submit of the dialog grants once. */
  grantPoints: merchantProcedure("buyers.manage")
    .input(buyer.extend({ appId: z.string().min(1).max(64), requestId: z.uuid(), grant: consoleGrantSchema }))
    .mutation(({ ctx, input }) => grantConsolePoints(ctx.merchant.id, actor(ctx), { appId: input.appId, buyerId: input.buyerId, requestId: input.requestId, ...input.grant })),
  /** The order's trades (组合支付) with parts and the coordinator's history, for the order page. */
  orderTrades: merchantProcedure("orderCenter.read")
    .input(z.object({ orderNo: z.string().min(1).max(64) }))
    .query(async ({ ctx, input }) => ({
      ...(await listOrderTrades({ merchantId: ctx.merchant.id, role: ctx.role, storeIds: ctx.storeIds }, input.orderNo)),
      may: { viewBuyers: can(ctx.role, "buyers.read"), viewPayOrders: can(ctx.role, "orders.read") },
    })),
});
