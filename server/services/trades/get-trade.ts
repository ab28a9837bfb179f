import { db } from "@/server/db";
import { TRADE_ID_SHAPE } from "@/server/domain/trade-schema";
import { AppError } from "@/server/errors";
import { type ChannelPartExtras, tradeView, type TradeView, type TradeWithParts } from "./trade-view";

/** The channel part's pay order and latest attempt, for its payData. */
export async function channelExtras(trade: Pick<TradeWithParts, "payOrderNo">): Promise<ChannelPartExtras | undefined> {
  if (!trade.payOrderNo) return undefined;
  const payOrder = await db.payOrder.findUnique({ where: { payOrderNo: trade.payOrderNo }, select: { payOrderNo: true, status: true } });
  const latest = await db.payment.findFirst({ where: { payOrderNo: trade.payOrderNo }, orderBy: { seq: "desc" }, select: { status: true, payData: true } });
  return { payOrder, latest };
}

/** GET /api/v1/trades/{tradeId}: one trade of the app; unknown, malformed or another app's → 404 TRADE_NOT_FOUND. */
export async function loadTradeView(appId: string, tradeId: string): Promise<TradeView> {
  if (!TRADE_ID_SHAPE.test(tradeId)) throw new AppError("TRADE_NOT_FOUND", "trade not found");
  const trade = await db.trade.findFirst({ where: { tradeId, appId }, include: { parts: true } });
  if (!trade) throw new AppError("TRADE_NOT_FOUND", "trade not found");
  return tradeView(trade, await channelExtras(trade));
}
