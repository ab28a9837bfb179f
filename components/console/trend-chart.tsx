"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "@/components/reports/chart-card";
import { formatMoney } from "@/server/domain/money";
import type { TrendPoint } from "@/server/services/overview/home-figures";

/** An axis label: the day of the month ("30", "1", "2" …); the tooltip and the table give whole dates. */
function dayLabel(monthDay: string): string {
  return String(Number(monthDay.slice(3)));
}

/** The overview's last 7 days: volume (bars) and payments (line), with the same figures as a table. */
export function TrendChart({ trend, currency }: { trend: TrendPoint[]; currency: string }) {
  const t = useTranslations("overview.trend");
  const locale = useLocale();
  const format = useFormatter();
  const money = (minor: number | bigint) => formatMoney(typeof minor === "number" ? BigInt(Math.round(minor)) : minor, currency, locale);
  const data = trend.map((p) => ({ date: p.date.slice(5), full: p.date, volume: Number(p.volume), payments: p.payments, refundAmount: p.refundAmount }));
  return (
    <ChartCard
      id="trend"
      title={t("title")}
      description={t("description")}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ left: 0, right: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            {/* every day labelled, also on a phone */}
            <XAxis dataKey="date" fontSize={11} interval={0} tickMargin={4} tickFormatter={dayLabel} />
            <YAxis yAxisId="volume" tickFormatter={(minor: number) => format.number(minor / 100, { notation: "compact", maximumFractionDigits: 1 })} fontSize={12} width={48} />
            <YAxis yAxisId="payments" orientation="right" allowDecimals={false} fontSize={12} width={32} />
            <Tooltip formatter={(value, name) => (name === t("volume") ? money(Number(value)) : format.number(Number(value)))} />
            <Legend />
            <Bar yAxisId="volume" dataKey="volume" name={t("volume")} fill="var(--chart-1)" isAnimationActive={false} radius={[3, 3, 0, 0]} />
            <Line yAxisId="payments" dataKey="payments" name={t("payments")} stroke="var(--chart-4)" strokeWidth={2} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      }
      table={{
        columns: [
          { key: "date", label: t("date") },
          { key: "volume", label: t("volume"), numeric: true },
          { key: "payments", label: t("payments"), numeric: true },
          { key: "refundAmount", label: t("refundAmount"), numeric: true },
        ],
        rows: data.map((p) => ({ date: p.full, volume: money(p.volume), payments: format.number(p.payments), refundAmount: money(p.refundAmount) })),
      }}
    />
  );
}
