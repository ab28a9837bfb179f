import { db } from "@/server/db";
import { publicTradeStatus, type TradeStatus } from "@/server/domain/trade-states";

/** Trades shown on a buyer's page, newest first. */
export const BUYER_TRADES_SHOWN = 20;

/** The buyer's newest trades (each links to its order's page, where its parts and history are). */
export async function listBuyerTrades(merchantId: string, buyerId: string) {
  const trades = await db.trade.findMany({
    where: { merchantId, buyerId },
    orderBy: { createdAt: "desc" },
    take: BUYER_TRADES_SHOWN,
    select: {
      tradeId: true,
      tradeNo: true,
      orderNo: true,
      deductMode: true,
      status: true,
      payableAmount: true,
      couponAmount: true,
      points: true,
      pointsAmount: true,
      walletAmount: true,
      channelAmount: true,
      failureReason: true,
      createdAt: true,
    },
  });
  return trades.map((t) => ({ ...t, phase: t.status as TradeStatus, status: publicTradeStatus(t.status as TradeStatus) }));
}
