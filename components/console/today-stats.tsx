"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/server/domain/money";

type Today = { orders: number; paidOrders: number; paidAmount: bigint; currency: string };

/** Today's figures, refreshed every 30 s through tRPC. */
export function TodayStats({ mchNo, initial }: { mchNo: string; initial: Today }) {
  const t = useTranslations("overview");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const { data } = useQuery({
    ...trpc.merchant.overview.queryOptions({ mchNo }),
    refetchInterval: 30_000,
    select: (overview) => overview.today,
  });
  const today = data ?? initial;
  const stats = [
    { key: "ordersToday", value: format.number(today.orders) },
    { key: "paidToday", value: format.number(today.paidOrders) },
    { key: "gmvToday", value: formatMoney(today.paidAmount, today.currency, locale) },
  ] as const;
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      {stats.map((stat) => (
        <Card key={stat.key} data-testid={`stat-${stat.key}`}>
          <CardHeader>
            <CardDescription>{t(stat.key)}</CardDescription>
            <CardTitle className="text-3xl tabular-nums">{stat.value}</CardTitle>
          </CardHeader>
        </Card>
      ))}
    </div>
  );
}
