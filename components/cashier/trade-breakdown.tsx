"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { formatMoney } from "@/server/domain/money";

/** How an order's payable amount is split: what the coupon, points and wallet take, what a channel pays. */
export type Split = { payable: bigint; coupon: bigint; points: bigint; pointsAmount: bigint; wallet: bigint; channel: bigint };

/**
 * The breakdown under the asset panel (live, as the consumer chooses) and on a trade's own pages: the
 * order's amount, each deduction, and what is left for a channel (`last`: "left to pay", or "paid online").
 */
export function TradeBreakdown({ split, currency, last = "left", className }: { split: Split; currency: string; last?: "left" | "channel"; className?: string }) {
  const t = useTranslations("cashierTrade.breakdown");
  const locale = useLocale();
  const format = useFormatter();
  const money = (fen: bigint) => formatMoney(fen, currency, locale);
  const rows: { key: string; label: string; value: string }[] = [
    { key: "order", label: t("order"), value: money(split.payable) },
    ...(split.coupon > 0n ? [{ key: "coupon", label: t("coupon"), value: `−${money(split.coupon)}` }] : []),
    ...(split.points > 0n ? [{ key: "points", label: t("points", { points: format.number(Number(split.points)) }), value: `−${money(split.pointsAmount)}` }] : []),
    ...(split.wallet > 0n ? [{ key: "wallet", label: t("wallet"), value: `−${money(split.wallet)}` }] : []),
  ];
  return (
    <dl className={cn("flex flex-col gap-1.5 rounded-xl bg-muted/50 px-4 py-3 text-sm", className)} data-testid="trade-breakdown">
      {rows.map((row) => (
        <div key={row.key} className="flex justify-between gap-4" data-testid={`breakdown-${row.key}`}>
          <dt className="text-muted-foreground">{row.label}</dt>
          <dd className="tabular-nums">{row.value}</dd>
        </div>
      ))}
      {/* a trade paid without a channel has no "paid online" line */}
      {(last === "left" || split.channel > 0n) && (
        <div className="mt-1 flex justify-between gap-4 border-t pt-2 font-medium" data-testid="breakdown-left">
          <dt>{t(last)}</dt>
          <dd className="text-base tabular-nums">{money(split.channel)}</dd>
        </div>
      )}
    </dl>
  );
}
