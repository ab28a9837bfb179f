"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleCheck, CircleX, Hourglass, LoaderCircle, Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";
import type { CashierTrade } from "@/server/services/cashier/cashier-trade-view";
import { CashierMessage } from "./cashier-message";
import { TradeBreakdown } from "./trade-breakdown";

/** How often a trade that has not ended is read again. */
const TRADE_POLL_MS = 2_000;

/**
 * The page's trade, read again (cashier.trade) until the coordinator has ended it; `onEnded` once it
 * has (the page then reads the order again: a released trade makes the order payable anew).
 */
export function usePolledTrade(payOrderNo: string, initial: CashierTrade, onEnded?: () => void): CashierTrade {
  const trpc = useTRPC();
  const { data } = useQuery(
    trpc.cashier.trade.queryOptions(
      { payOrderNo },
      { initialData: initial, refetchInterval: ({ state }) => (state.data?.status === "PENDING" ? TRADE_POLL_MS : false) },
    ),
  );
  const trade = data ?? initial;
  const ended = trade.status !== "PENDING" && initial.status === "PENDING";
  const told = useRef(false);
  useEffect(() => {
    if (!ended || told.current) return;
    told.current = true;
    onEnded?.();
  }, [ended, onEnded]);
  return trade;
}

export function tradeSplit(trade: CashierTrade) {
  return {
    payable: trade.payableAmount,
    coupon: trade.couponAmount,
    points: trade.points,
    pointsAmount: trade.pointsAmount,
    wallet: trade.walletAmount,
    channel: trade.channelAmount,
  };
}

/** The trade's state in one line, on its receipt: confirming, the order paid, or given back. */
export function TradeStatusLine({ trade }: { trade: CashierTrade }) {
  const t = useTranslations("cashierTrade.status");
  const icon =
    trade.status === "PENDING" ? (
      <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
    ) : trade.status === "SUCCEEDED" ? (
      <CircleCheck className="size-4 text-success" aria-hidden="true" />
    ) : (
      <CircleX className="size-4 text-destructive" aria-hidden="true" />
    );
  return (
    <p className="inline-flex items-center gap-1.5 text-sm text-muted-foreground" role="status" data-testid="trade-status" data-status={trade.status}>
      {icon}
      {t(trade.status)}
    </p>
  );
}

/** On a `trade` pay order's page, above the channel picker: what the trade has already applied (frozen). */
export function AppliedParts({ order }: { order: CashierOrder }) {
  const t = useTranslations("cashierTrade");
  if (!order.trade) return null;
  return (
    <div className="flex flex-col gap-2" data-testid="trade-applied">
      <TradeBreakdown split={tradeSplit(order.trade)} currency={order.currency} />
      <p className="text-xs text-muted-foreground">{t("applied")}</p>
    </div>
  );
}

/** An order's page while one of its trades is under way: go on to that trade's channel part. */
export function TradeHeld({ order, trade, onEnded }: { order: CashierOrder; trade: CashierTrade; onEnded: () => void }) {
  const t = useTranslations("cashierTrade");
  const current = usePolledTrade(order.payOrderNo, trade, onEnded);
  return (
    <div data-testid="trade-held">
      <CashierMessage
        icon={<Hourglass className="size-12 text-warning" aria-hidden="true" />}
        title={t("heldTitle")}
        body={t("heldBody")}
        action={
          current.channelPayOrderNo ? (
            <Button asChild size="lg" className="h-12 w-full text-base">
              <a href={`/pay/${current.channelPayOrderNo}`}>{t("heldContinue")}</a>
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground" role="status">
              {t("heldConfirming")}
            </p>
          )
        }
      />
      <div className="px-6 pb-7">
        <TradeBreakdown split={tradeSplit(current)} currency={order.currency} />
      </div>
    </div>
  );
}

/**
 * A trade's channel part that ended unpaid (expired, closed): what it had frozen is given back; the
 * order's own page again, while the order can still be paid (a new trade may start).
 */
export function TradeReleased({ order, trade, onEnded }: { order: CashierOrder; trade: CashierTrade; onEnded: () => void }) {
  const t = useTranslations();
  const current = usePolledTrade(order.payOrderNo, trade, onEnded);
  const again = order.order?.tradeable && order.order.payOrderNo;
  return (
    <div data-testid="trade-released">
      <CashierMessage
        icon={<Undo2 className="size-12 text-muted-foreground" aria-hidden="true" />}
        title={t("cashierTrade.releasedTitle")}
        body={current.status === "PENDING" ? t("cashierTrade.releasedBodyPending") : t("cashierTrade.releasedBody")}
        action={
          again ? (
            <Button asChild size="lg" className="h-12 w-full text-base">
              <a href={`/pay/${again}`}>{t("cashierTrade.payAgain")}</a>
            </Button>
          ) : (
            order.returnUrl && (
              <Button asChild variant="outline" size="lg" className="h-12 w-full text-base">
                <a href={order.returnUrl}>{t("cashier.returnNow")}</a>
              </Button>
            )
          )
        }
      />
      {(current.couponAmount > 0n || current.points > 0n || current.walletAmount > 0n) && (
        <div className="px-6 pb-7">
          <TradeBreakdown split={tradeSplit(current)} currency={order.currency} />
        </div>
      )}
    </div>
  );
}
