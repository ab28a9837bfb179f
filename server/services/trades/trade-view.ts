import { publicTradeStatus, type TradeStatus } from "@/server/domain/trade-states";
import type { Payment, PayOrder, Trade, TradePart, TradeStep } from "@/server/generated/prisma/client.ts";
import { loadEnv } from "@/server/env";

export type TradeWithParts = Trade & { parts: TradePart[] };

/** What the channel part shows beyond its status: the pay order's payData while it waits, and its cashier. */
export type ChannelPartExtras = { payOrder: Pick<PayOrder, "payOrderNo" | "status"> | null; latest: Pick<Payment, "status" | "payData"> | null };

/** A trade as the Open API shows it (OPEN-API.md, trade center). */
export function tradeView(trade: TradeWithParts, channel?: ChannelPartExtras) {
  const base = loadEnv().PUBLIC_BASE_URL;
  return {
    tradeId: trade.tradeId,
    tradeNo: trade.tradeNo,
    orderNo: trade.orderNo,
    buyerId: trade.buyerId,
    deductMode: trade.deductMode,
    status: publicTradeStatus(trade.status as TradeStatus),
    ...(trade.failureReason ? { failureReason: trade.failureReason } : {}),
    payableAmount: trade.payableAmount,
    parts: [...trade.parts]
      .sort((a, b) => a.partNo - b.partNo)
      .map((part) => ({
        instrument: part.instrument,
        ...(part.couponNo ? { couponNo: part.couponNo } : {}),
        ...(part.points !== null ? { points: part.points } : {}),
        ...(part.payOrderNo ? { payOrderNo: part.payOrderNo } : {}),
        amount: part.amount,
        status: part.status,
        ...(part.refundedAmount > 0n ? { refundedAmount: part.refundedAmount } : {}),
        ...(part.instrument === "channel" && part.payOrderNo
          ? {
              payData:
                channel?.payOrder?.status === "PENDING" && channel.latest && (channel.latest.status === "PROCESSING" || channel.latest.status === "CREATED")
                  ? (channel.latest.payData ?? null)
                  : null,
              cashierUrl: `${base}/pay/${part.payOrderNo}`,
            }
          : {}),
      })),
    createdAt: trade.createdAt,
    updatedAt: trade.updatedAt,
    endedAt: trade.endedAt,
  };
}

export type TradeView = ReturnType<typeof tradeView>;

/** The console's view: the Open API's plus the coordinator's internal status and its history. */
export function consoleTradeView(trade: TradeWithParts & { steps: TradeStep[] }, channel?: ChannelPartExtras) {
  return {
    ...tradeView(trade, channel),
    phase: trade.status as TradeStatus,
    source: trade.source,
    driveCount: trade.driveCount,
    lastError: trade.lastError,
    steps: trade.steps.map((step) => ({ at: step.at, step: step.step, partNo: step.partNo, detail: step.detail, ok: step.ok })),
  };
}

export type ConsoleTradeView = ReturnType<typeof consoleTradeView>;
