"use client";

import { CircleCheck } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/domain/money";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";
import { knownMessage } from "@/server/i18n/known-message";
import { TradeBreakdown } from "./trade-breakdown";
import { TradeStatusLine, tradeSplit, usePolledTrade } from "./trade-cards";
import type { CashierTrade } from "@/server/services/cashier/cashier-trade-view";

/** Seconds before the receipt sends the consumer back to the merchant by itself. */
const RETURN_AFTER_SECONDS = 5;

function useReturnCountdown(returnUrl: string | null): number {
  const [seconds, setSeconds] = useState(RETURN_AFTER_SECONDS);
  useEffect(() => {
    if (!returnUrl) return;
    if (seconds <= 0) {
      window.location.assign(returnUrl);
      return;
    }
    const timer = setTimeout(() => setSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [returnUrl, seconds]);
  return seconds;
}

/** A trade's part of the receipt: its breakdown and, until the coordinator has ended it, its state (polled). */
function TradeDetails({ payOrderNo, trade, currency }: { payOrderNo: string; trade: CashierTrade; currency: string }) {
  const current = usePolledTrade(payOrderNo, trade);
  return (
    <>
      <TradeStatusLine trade={current} />
      <TradeBreakdown split={tradeSplit(current)} currency={currency} last="channel" className="mt-3 w-full text-left" />
    </>
  );
}

/**
 * The receipt of a paid order, and the way back to the merchant (a link, and by itself after a few
 * seconds). An order paid by a trade shows the order's amount and how it was split; a trade's channel
 * part shows what it paid, the split, and the trade's state until the coordinator has ended it; a
 * top-up is worded as one.
 */
export function PaidReceipt({ order }: { order: CashierOrder }) {
  const t = useTranslations();
  const locale = useLocale();
  const format = useFormatter();
  const seconds = useReturnCountdown(order.returnUrl);
  const rows: [string, string][] = [
    [t("cashier.receipt.merchant"), order.merchant.name],
    [t("cashier.receipt.subject"), order.subject],
    [t("cashier.receipt.payOrderNo"), order.payOrderNo],
    ...(order.paidChannel ? [[t("cashier.receipt.channel"), knownMessage(t, `channel.${order.paidChannel}`, order.paidChannel)] as [string, string]] : []),
    ...(order.paidAt ? [[t("cashier.receipt.paidAt"), format.dateTime(order.paidAt, { dateStyle: "medium", timeStyle: "medium" })] as [string, string]] : []),
  ];
  return (
    <section className="flex flex-col items-center gap-2 px-6 pt-10 pb-7 text-center" data-testid="paid-receipt">
      <CircleCheck className="size-14 text-success" aria-hidden="true" />
      <h1 className="mt-1 text-xl font-semibold" data-testid="cashier-title">
        {order.kind === "top_up" ? t("cashierTrade.topUp.paidTitle") : t("cashier.paidTitle")}
      </h1>
      <p className="text-3xl font-semibold tracking-tight tabular-nums" data-testid="receipt-amount">
        {formatMoney(order.kind === "order" && order.trade ? order.trade.payableAmount : order.amount, order.currency, locale)}
      </p>
      {order.trade && <TradeDetails payOrderNo={order.payOrderNo} trade={order.trade} currency={order.currency} />}
      <dl className="mt-5 w-full divide-y rounded-xl border text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4 px-4 py-2.5">
            <dt className="shrink-0 text-muted-foreground">{label}</dt>
            <dd className="min-w-0 text-right break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <a href={`/complaints/new?payOrderNo=${order.payOrderNo}`} className="mt-3 text-sm text-primary underline-offset-4 hover:underline" data-testid="receipt-complaint">
        {t("complaints.receiptLink")}
      </a>
      {order.returnUrl ? (
        <div className="mt-5 flex w-full flex-col gap-2">
          <Button asChild size="lg" className="h-12 w-full text-base">
            <a href={order.returnUrl}>{t("cashier.returnNow")}</a>
          </Button>
          <p className="text-xs text-muted-foreground" role="status">
            {t("cashier.returning", { seconds: Math.max(seconds, 0) })}
          </p>
        </div>
      ) : (
        <p className="mt-5 text-sm text-muted-foreground">{t("cashier.closeHint")}</p>
      )}
    </section>
  );
}
