import { z } from "zod";
import { db } from "@/server/db";
import { couponDiscount } from "@/server/domain/trade-allocation";
import { buyerBalances } from "@/server/services/trades/buyer-assets";
import { buyerLabel } from "./buyer-label";
import { loadCashierOrder } from "./load-cashier-order";
import { loadCashierOrderContext } from "./load-cashier-order-context";

/** The most coupons the cashier lists (the best discounts first). */
export const CASHIER_COUPON_LIMIT = 50;

/**
 * What the cashier shows of the order's buyer at the merchant, to pay part of the order with: the
 * coupons of the order's app that this order may use (available, not expired, its minimum spend met)
 * with their discount on it, spendable points and what they are worth, the spendable wallet balance.
 * The buyer is always the order's own (never an input); their name masked, no phone.
 */
export const cashierAssetsSchema = z.object({
  buyer: z.string(),
  payable: z.bigint(),
  currency: z.string(),
  pointsPerYuan: z.number().int(),
  wallet: z.object({ spendable: z.bigint() }),
  points: z.object({ spendable: z.bigint(), worth: z.bigint() }),
  coupons: z.array(
    z.object({
      couponNo: z.string(),
      type: z.enum(["amount_off", "percent_off"]),
      value: z.bigint(),
      minSpend: z.bigint(),
      expiresAt: z.date(),
      discount: z.bigint(),
    }),
  ),
});

export type CashierAssets = z.infer<typeof cashierAssetsSchema>;

/**
 * The buyer's assets for the cashier of an order's `full` pay order, or null when that order cannot
 * start a trade here now (not an order's pay order, paid, cancelled, past its deadline, a trade under
 * way): then the page offers none. Unknown number → ORDER_NOT_FOUND.
 */
export async function getCashierAssets({ payOrderNo }: { payOrderNo: string }, now = new Date()): Promise<CashierAssets | null> {
  const { order: payOrder } = await loadCashierOrder(payOrderNo, now);
  const context = await loadCashierOrderContext(payOrder, now);
  if (!context || context.kind !== "order" || !context.tradeable) return null;
  const { order } = context;
  const [balances, app, coupons] = await Promise.all([
    buyerBalances(db, order.merchantId, order.buyerId),
    db.app.findUniqueOrThrow({ where: { id: order.appId }, select: { pointsPerYuan: true } }),
    db.coupon.findMany({
      where: { appId: order.appId, buyerId: order.buyerId, status: "AVAILABLE", expiresAt: { gt: now }, minSpend: { lte: order.payableAmount } },
      select: { couponNo: true, type: true, value: true, minSpend: true, expiresAt: true },
      orderBy: [{ expiresAt: "asc" }, { couponNo: "asc" }],
      take: 500,
    }),
  ]);
  const usable = coupons
    .map((coupon) => ({ ...coupon, discount: couponDiscount(coupon, order.payableAmount) }))
    .filter((coupon) => coupon.discount > 0n)
    // the best discount first; of equal ones, the one expiring soonest
    .sort((a, b) => (a.discount === b.discount ? a.expiresAt.getTime() - b.expiresAt.getTime() : a.discount > b.discount ? -1 : 1))
    .slice(0, CASHIER_COUPON_LIMIT);
  const spendablePoints = balances.points.balance - balances.points.frozen;
  return {
    buyer: buyerLabel({ name: order.buyerName, id: order.buyerId }),
    payable: order.payableAmount,
    currency: order.currency,
    pointsPerYuan: app.pointsPerYuan,
    wallet: { spendable: balances.wallet.balance - balances.wallet.frozen },
    points: { spendable: spendablePoints, worth: app.pointsPerYuan > 0 ? (spendablePoints * 100n) / BigInt(app.pointsPerYuan) : 0n },
    coupons: usable,
  };
}
