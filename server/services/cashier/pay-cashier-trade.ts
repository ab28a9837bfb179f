import { z } from "zod";
import { loadApiApp } from "@/server/apps/app-cache";
import { db } from "@/server/db";
import { merchantMayTransact } from "@/server/domain/merchant-status";
import { AppError } from "@/server/errors";
import { createTrade } from "@/server/services/trades/create-trade";
import { type CashierTrade, cashierTradeView } from "./cashier-trade-view";
import { loadCashierOrder } from "./load-cashier-order";
import { loadCashierOrderContext } from "./load-cashier-order-context";

/**
 * The cashier's own tradeNos: `cashier-` and randomness the page draws once per submission (kept for a
 * retry of the same one, so a double click or a resend makes one trade). The prefix keeps a public page
 * from naming, and so replaying, a business system's tradeNo.
 */
export const CASHIER_TRADE_NO = /^cashier-[A-Za-z0-9]{16,40}$/;

export const payCashierTradeSchema = z.object({
  payOrderNo: z.string().min(1).max(64),
  tradeNo: z.string().regex(CASHIER_TRADE_NO, "must be a cashier trade number"),
  couponNo: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .nullable(),
  points: z.bigint().min(0n).max(1_000_000_000n),
  walletAmount: z.bigint().min(0n).max(100_000_000_000n),
});

export type PayCashierTradeInput = z.infer<typeof payCashierTradeSchema>;

/**
 * "Pay" with coupon, points or wallet in the cashier of an order's `full` pay order: a trade of that
 * order (createTrade, source `cashier`), deduct mode `lock` (frozen now, confirmed when the rest is
 * paid, released if it is not), no channel: the channel part's own cashier page pays the rest. The
 * buyer is the order's; nothing here names one. Covered in full: the trade has succeeded in the request.
 * Refusals are createTrade's (COUPON_UNAVAILABLE, INSUFFICIENT_POINTS, INSUFFICIENT_BALANCE,
 * TRADE_IN_PROGRESS, VALIDATION_FAILED …), with nothing frozen.
 */
export async function payCashierTrade(input: PayCashierTradeInput, client: { ip?: string | null; deviceId?: string | null } = {}): Promise<CashierTrade> {
  const { order: payOrder, now } = await loadCashierOrder(input.payOrderNo);
  const context = await loadCashierOrderContext(payOrder, now);
  if (context?.kind !== "order") throw new AppError("VALIDATION_FAILED", "this payment cannot use coupons, points or a wallet", { field: "payOrderNo" });
  if (!merchantMayTransact(payOrder.merchant.status, payOrder.app.mode) || payOrder.app.status !== "ACTIVE") {
    throw new AppError("MERCHANT_INACTIVE", "the merchant cannot take payments now");
  }
  const app = await loadApiApp(payOrder.appId);
  if (!app) throw new AppError("ORDER_NOT_FOUND", "no such order");
  const request = {
    tradeNo: input.tradeNo,
    deductMode: "lock" as const,
    ...(input.couponNo ? { couponNos: [input.couponNo] } : {}),
    ...(input.points > 0n ? { points: input.points } : {}),
    ...(input.walletAmount > 0n ? { walletAmount: input.walletAmount } : {}),
  };
  // A double click or two tabs send the same tradeNo at once: createTrade replays the one trade it made.
  await createTrade(app, context.order.orderNo, request, "cashier", { checkpoint: "CASHIER", ...client });
  const trade = await db.trade.findUniqueOrThrow({ where: { appId_tradeNo: { appId: app.id, tradeNo: input.tradeNo } } });
  return cashierTradeView(trade);
}
