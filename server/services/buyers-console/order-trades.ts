import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { type ConsoleMember, seesStore } from "@/server/services/order-console/console-scope";
import { consoleTradeView } from "@/server/services/trades/trade-view";

/** Trades shown on an order's page, newest first (an order rarely has more than a few). */
export const ORDER_TRADES_SHOWN = 20;

/**
 * The trades (组合支付) of one order for its console page, newest first, each with its parts, the
 * coordinator's phase and its history. Scoped as the order itself: another merchant's order, or (for a
 * dealer) another store's, is not found. `open` says whether the page should keep refreshing.
 */
export async function listOrderTrades(member: ConsoleMember, orderNo: string) {
  const order = await db.order.findFirst({ where: { orderNo, merchantId: member.merchantId }, select: { storeId: true } });
  if (!order || !seesStore(member, order.storeId)) throw new AppError("ORDER_NOT_FOUND", "order not found");
  const trades = await db.trade.findMany({
    where: { orderNo, merchantId: member.merchantId },
    orderBy: [{ createdAt: "desc" }, { tradeId: "desc" }],
    take: ORDER_TRADES_SHOWN,
    include: { parts: true, steps: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
  });
  // the view's parts are in partNo order without their numbers: the history names parts by number
  const views = trades.map((trade) => ({ ...consoleTradeView(trade), partInstruments: Object.fromEntries(trade.parts.map((p) => [p.partNo, p.instrument])) }));
  return { trades: views, open: trades.some((t) => t.status !== "SUCCEEDED" && t.status !== "FAILED") };
}

export type ConsoleOrderTrades = Awaited<ReturnType<typeof listOrderTrades>>;
