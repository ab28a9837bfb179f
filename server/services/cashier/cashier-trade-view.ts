import { z } from "zod";
import { publicTradeStatus, type TradeStatus } from "@/server/domain/trade-states";
import type { Trade } from "@/server/generated/prisma/client.ts";

/**
 * What the cashier shows of a trade (trade center, issue #15): how the order's payable amount was
 * split and whether the trade has ended. No tradeId, tradeNo, coupon number or buyer: the page needs
 * the figures only. tRPC validates every answer against this schema (unknown keys dropped).
 */
export const cashierTradeSchema = z.object({
  status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]),
  payableAmount: z.bigint(),
  couponAmount: z.bigint(),
  points: z.bigint(),
  pointsAmount: z.bigint(),
  walletAmount: z.bigint(),
  channelAmount: z.bigint(),
  /** The channel part's pay order (purpose trade): its cashier pays the rest. */
  channelPayOrderNo: z.string().nullable(),
});

export type CashierTrade = z.infer<typeof cashierTradeSchema>;

export function cashierTradeView(trade: Pick<Trade, "status" | "payableAmount" | "couponAmount" | "points" | "pointsAmount" | "walletAmount" | "channelAmount" | "payOrderNo">): CashierTrade {
  return {
    status: publicTradeStatus(trade.status as TradeStatus),
    payableAmount: trade.payableAmount,
    couponAmount: trade.couponAmount,
    points: trade.points,
    pointsAmount: trade.pointsAmount,
    walletAmount: trade.walletAmount,
    channelAmount: trade.channelAmount,
    channelPayOrderNo: trade.payOrderNo,
  };
}
