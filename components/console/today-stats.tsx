"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowDownRight, ArrowUpRight } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatMoney } from "@/server/domain/money";
import type { DayFigures } from "@/server/services/overview/home-figures";

type Days = { currency: string; today: DayFigures; yesterday: DayFigures };

/** Change from yesterday as a ratio (null when yesterday had nothing to compare with). */
function change(today: number, yesterday: number): number | null {
  return yesterday === 0 ? null : (today - yesterday) / yesterday;
}

/** Today's figures against yesterday's up to the same hour, refreshed every 30 s through tRPC. */
export function TodayStats({ mchNo, initial }: { mchNo: string; initial: Days }) {
  const t = useTranslations("overview.compare");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const { data } = useQuery({
    ...trpc.merchant.home.queryOptions({ mchNo }),
    refetchInterval: 30_000,
    select: (home): Days => ({ currency: home.currency, today: home.today, yesterday: home.yesterday }),
  });
  const { currency, today, yesterday } = data ?? initial;
  const money = (minor: bigint) => formatMoney(minor, currency, locale);
  const percent = (ratio: number | null) => (ratio === null ? t("none") : format.number(ratio, { style: "percent", maximumFractionDigits: 1 }));
  const stats = [
    { key: "volume", value: money(today.volume), before: money(yesterday.volume), delta: change(Number(today.volume), Number(yesterday.volume)), points: false },
    { key: "payments", value: format.number(today.payments), before: format.number(yesterday.payments), delta: change(today.payments, yesterday.payments), points: false },
    {
      key: "successRate",
      value: percent(today.successRate),
      before: percent(yesterday.successRate),
      // a rate changes by percentage points, not by a percentage of itself
      delta: today.successRate === null || yesterday.successRate === null ? null : today.successRate - yesterday.successRate,
      points: true,
    },
    { key: "refunds", value: money(today.refundAmount), before: money(yesterday.refundAmount), delta: change(Number(today.refundAmount), Number(yesterday.refundAmount)), points: false, sub: t("refundCount", { count: today.refunds }) },
  ] as const;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {stats.map((stat) => {
        const up = stat.delta !== null && stat.delta > 0;
        const down = stat.delta !== null && stat.delta < 0;
        // more refunds is not good news
        const good = stat.key === "refunds" ? down : up;
        const bad = stat.key === "refunds" ? up : down;
        const shown =
          stat.delta === null
            ? null
            : stat.points
              ? t("points", { value: format.number(stat.delta * 100, { maximumFractionDigits: 1, signDisplay: "exceptZero" }) })
              : format.number(stat.delta, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
        return (
          <Card key={stat.key} className="gap-2 py-4" data-testid={`stat-${stat.key}`}>
            <CardHeader className="gap-1 px-4">
              <CardDescription>{t(stat.key)}</CardDescription>
              <CardTitle className="text-xl tabular-nums sm:text-2xl">{stat.value}</CardTitle>
              <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-muted-foreground">
                {shown === null ? (
                  // nothing to compare with: a dash (the line beside it says what yesterday was)
                  <span title={t("noBase")} aria-label={t("noBase")} data-testid={`change-${stat.key}`}>
                    —
                  </span>
                ) : (
                  <span className={cn("inline-flex items-center gap-0.5 font-medium tabular-nums", good && "text-success", bad && "text-destructive")} data-testid={`change-${stat.key}`}>
                    {up && <ArrowUpRight className="size-3" aria-hidden />}
                    {down && <ArrowDownRight className="size-3" aria-hidden />}
                    {shown}
                  </span>
                )}
                <span>{t("yesterday", { value: stat.before })}</span>
              </p>
              {"sub" in stat && <p className="text-xs text-muted-foreground">{stat.sub}</p>}
            </CardHeader>
          </Card>
        );
      })}
    </div>
  );
}
