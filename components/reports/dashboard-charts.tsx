"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { channelName } from "@/components/channels/channel-name";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import type { Dashboard } from "@/server/services/reports/get-dashboard";
import { ChartCard } from "./chart-card";

const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"];

/** Axis labels: "2026-11-22" → "11-22", "2026-11-22 13:00" → "13:00". */
function shortBucket(bucket: string): string {
  return bucket.length > 10 ? bucket.slice(11) : bucket.slice(5);
}

/** Every figure of the finance dashboard, as charts with a table view each, from one `Dashboard`. */
export function DashboardCharts({ data }: { data: Dashboard }) {
  const t = useTranslations("reports");
  const tc = useTranslations("channel");
  const locale = useLocale();
  const format = useFormatter();
  const money = (minor: bigint | number) => formatMoney(typeof minor === "number" ? BigInt(Math.round(minor)) : minor, data.currency, locale);
  const axisMoney = (minor: number) => format.number(minor / 100, { notation: "compact", maximumFractionDigits: 1 });
  const percent = (ratio: number | null) => (ratio === null ? t("notApplicable") : format.number(ratio, { style: "percent", maximumFractionDigits: 1 }));
  const count = (n: number) => format.number(n);
  const nameOf = (c: string) => channelName(tc, c);
  const { totals } = data;

  if (data.empty) {
    return (
      <Card data-testid="reports-empty">
        <CardHeader>
          <CardTitle as="h2" className="text-base">
            {t("empty")}
          </CardTitle>
          <CardDescription>{t("emptyHint")}</CardDescription>
        </CardHeader>
      </Card>
    );
  }

  const kpis = [
    { key: "gmv", value: money(totals.gmv) },
    { key: "orders", value: count(totals.orders) },
    { key: "averageTicket", value: money(totals.averageTicket) },
    { key: "successRate", value: percent(totals.successRate) },
    { key: "refundAmount", value: money(totals.refundAmount) },
    { key: "refundRate", value: percent(totals.refundRate) },
    { key: "fee", value: money(totals.fee) },
    { key: "subsidy", value: money(totals.subsidy) },
    { key: "net", value: money(totals.net) },
  ] as const;

  const series = data.series.map((b) => ({
    bucket: shortBucket(b.bucket),
    full: b.bucket,
    gmv: Number(b.gmv),
    orders: b.orders,
    refundAmount: Number(b.refundAmount),
    refundRate: b.gmv > 0n ? Number(b.refundAmount) / Number(b.gmv) : 0,
    averageTicket: b.orders ? Number(b.gmv / BigInt(b.orders)) : null,
  }));
  const channels = data.channels.map((c) => ({
    ...c,
    name: nameOf(c.channel),
    gmvN: Number(c.gmv),
    feeN: Number(c.fee),
    subsidyN: Number(c.subsidy),
    rate: c.successRate === null ? 0 : c.successRate * 100,
  }));
  const bucketLabel = data.granularity === "hour" ? t("charts.gmvHourly") : t("charts.gmvDaily");
  const tooltipMoney = (value: unknown) => money(Number(value));

  return (
    <div className="flex flex-col gap-4">
      <dl className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="reports-kpis">
        {kpis.map((kpi) => (
          <Card key={kpi.key} className="gap-1 py-4">
            <CardContent className="px-4">
              <dt className="text-xs text-muted-foreground">{t(`kpi.${kpi.key}`)}</dt>
              <dd className="text-xl font-semibold tabular-nums" data-testid={`kpi-${kpi.key}`}>
                {kpi.value}
              </dd>
            </CardContent>
          </Card>
        ))}
      </dl>

      <ChartCard
        id="gmv"
        title={t("charts.gmvTitle")}
        description={bucketLabel}
        chart={
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={series} margin={{ left: 8, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="bucket" fontSize={12} />
              <YAxis yAxisId="gmv" tickFormatter={axisMoney} fontSize={12} />
              <YAxis yAxisId="orders" orientation="right" allowDecimals={false} fontSize={12} />
              <Tooltip formatter={(value, name) => (name === t("columns.gmv") ? tooltipMoney(value) : count(Number(value)))} />
              <Legend />
              <Bar yAxisId="gmv" dataKey="gmv" name={t("columns.gmv")} fill={COLORS[0]} isAnimationActive={false} radius={[3, 3, 0, 0]} />
              <Line yAxisId="orders" dataKey="orders" name={t("columns.orders")} stroke={COLORS[3]} strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        }
        table={{
          columns: [
            { key: "bucket", label: t("columns.bucket") },
            { key: "gmv", label: t("columns.gmv"), numeric: true },
            { key: "orders", label: t("columns.orders"), numeric: true },
            { key: "averageTicket", label: t("columns.averageTicket"), numeric: true },
          ],
          rows: series.map((b) => ({ bucket: b.full, gmv: money(b.gmv), orders: count(b.orders), averageTicket: b.averageTicket === null ? t("notApplicable") : money(b.averageTicket) })),
        }}
      />

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          id="success"
          title={t("charts.successTitle")}
          description={`${t("kpi.successRate")} ${percent(totals.successRate)}`}
          chart={
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={channels} layout="vertical" margin={{ left: 16, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={12} />
                <YAxis type="category" dataKey="name" width={80} fontSize={12} />
                <Tooltip formatter={(value) => percent(Number(value) / 100)} />
                <Bar dataKey="rate" name={t("columns.successRate")} fill={COLORS[2]} isAnimationActive={false} radius={[0, 3, 3, 0]} />
              </BarChart>
            </ResponsiveContainer>
          }
          table={{
            columns: [
              { key: "channel", label: t("columns.channel") },
              { key: "attempts", label: t("columns.attempts"), numeric: true },
              { key: "succeeded", label: t("columns.succeeded"), numeric: true },
              { key: "failed", label: t("columns.failed"), numeric: true },
              { key: "closed", label: t("columns.closed"), numeric: true },
              { key: "successRate", label: t("columns.successRate"), numeric: true },
            ],
            rows: channels.map((c) => ({
              channel: c.name,
              attempts: count(c.attempts),
              succeeded: count(c.succeeded),
              failed: count(c.failed),
              closed: count(c.closed),
              successRate: percent(c.successRate),
            })),
          }}
        />

        <ChartCard
          id="mix"
          title={t("charts.mixTitle")}
          description={`${t("charts.mixAmount")} · ${t("charts.mixCount")}`}
          chart={
            <ResponsiveContainer width="100%" height="100%">
              <PieChart>
                <Tooltip formatter={(value, name, item) => ((item?.dataKey as string) === "gmvN" ? tooltipMoney(value) : count(Number(value)))} />
                <Legend />
                <Pie data={channels} dataKey="gmvN" nameKey="name" cx="28%" cy="45%" outerRadius="62%" isAnimationActive={false}>
                  {channels.map((c, i) => (
                    <Cell key={c.channel} fill={COLORS[i % COLORS.length]} />
                  ))}
                </Pie>
                <Pie data={channels} dataKey="orders" nameKey="name" cx="72%" cy="45%" innerRadius="35%" outerRadius="62%" isAnimationActive={false} legendType="none">
                  {channels.map((c, i) => (
                    <Cell key={c.channel} fill={COLORS[i % COLORS.length]} />
                  ))}
                </Pie>
              </PieChart>
            </ResponsiveContainer>
          }
          table={{
            columns: [
              { key: "channel", label: t("columns.channel") },
              { key: "gmv", label: t("columns.gmv"), numeric: true },
              { key: "amountShare", label: t("columns.amountShare"), numeric: true },
              { key: "orders", label: t("columns.orders"), numeric: true },
              { key: "countShare", label: t("columns.countShare"), numeric: true },
            ],
            rows: channels.map((c) => ({
              channel: c.name,
              gmv: money(c.gmv),
              amountShare: percent(totals.gmv > 0n ? Number(c.gmv) / Number(totals.gmv) : null),
              orders: count(c.orders),
              countShare: percent(totals.orders ? c.orders / totals.orders : null),
            })),
          }}
        />

        <ChartCard
          id="refunds"
          title={t("charts.refundsTitle")}
          description={`${t("kpi.refundAmount")} ${money(totals.refundAmount)} · ${t("kpi.refundRate")} ${percent(totals.refundRate)}`}
          chart={
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={series} margin={{ left: 8, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="bucket" fontSize={12} />
                <YAxis yAxisId="amount" tickFormatter={axisMoney} fontSize={12} />
                <YAxis yAxisId="rate" orientation="right" tickFormatter={(v: number) => format.number(v, { style: "percent" })} fontSize={12} />
                <Tooltip formatter={(value, name) => (name === t("columns.refundRate") ? percent(Number(value)) : tooltipMoney(value))} />
                <Legend />
                <Bar yAxisId="amount" dataKey="refundAmount" name={t("columns.refundAmount")} fill={COLORS[4]} isAnimationActive={false} radius={[3, 3, 0, 0]} />
                <Line yAxisId="rate" dataKey="refundRate" name={t("columns.refundRate")} stroke={COLORS[1]} strokeWidth={2} dot={false} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          }
          table={{
            columns: [
              { key: "bucket", label: t("columns.bucket") },
              { key: "refundAmount", label: t("columns.refundAmount"), numeric: true },
              { key: "refundRate", label: t("columns.refundRate"), numeric: true },
            ],
            rows: series.map((b) => ({ bucket: b.full, refundAmount: money(b.refundAmount), refundRate: percent(b.gmv ? b.refundRate : null) })),
          }}
        />

        <ChartCard
          id="fees"
          title={t("charts.feesTitle")}
          description={`${t("kpi.fee")} ${money(totals.fee)} · ${t("kpi.subsidy")} ${money(totals.subsidy)}`}
          chart={
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={channels} margin={{ left: 8, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" fontSize={12} />
                <YAxis tickFormatter={axisMoney} fontSize={12} />
                <Tooltip formatter={(value) => tooltipMoney(value)} />
                <Legend />
                <Bar dataKey="feeN" name={t("columns.fee")} fill={COLORS[4]} isAnimationActive={false} radius={[3, 3, 0, 0]} />
                <Bar dataKey="subsidyN" name={t("columns.subsidy")} fill={COLORS[2]} isAnimationActive={false} radius={[3, 3, 0, 0]} />
              </BarChart>
            </ResponsiveContainer>
          }
          table={{
            columns: [
              { key: "channel", label: t("columns.channel") },
              { key: "fee", label: t("columns.fee"), numeric: true },
              { key: "subsidy", label: t("columns.subsidy"), numeric: true },
            ],
            rows: channels.map((c) => ({ channel: c.name, fee: money(c.fee), subsidy: money(c.subsidy) })),
          }}
        />
      </div>

      <ChartCard
        id="ticket"
        title={t("charts.ticketTitle")}
        description={`${t("kpi.averageTicket")} ${money(totals.averageTicket)}`}
        chart={
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={series} margin={{ left: 8, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="bucket" fontSize={12} />
              <YAxis tickFormatter={axisMoney} fontSize={12} />
              <Tooltip formatter={(value) => tooltipMoney(value)} />
              <Line dataKey="averageTicket" name={t("columns.averageTicket")} stroke={COLORS[0]} strokeWidth={2} dot connectNulls isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        }
        table={{
          columns: [
            { key: "bucket", label: t("columns.bucket") },
            { key: "averageTicket", label: t("columns.averageTicket"), numeric: true },
          ],
          rows: series.map((b) => ({ bucket: b.full, averageTicket: b.averageTicket === null ? t("notApplicable") : money(b.averageTicket) })),
        }}
      />

      <Card data-testid="failure-reasons">
        <CardHeader>
          <CardTitle as="h2" className="text-base">
            {t("charts.failuresTitle")}
          </CardTitle>
        </CardHeader>
        <CardContent>
          {data.failures.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground">{t("noFailures")}</p>
          ) : (
            <Table aria-label={t("charts.failuresTitle")}>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("columns.channel")}</TableHead>
                  <TableHead>{t("columns.code")}</TableHead>
                  <TableHead>{t("columns.message")}</TableHead>
                  <TableHead className="text-right">{t("columns.count")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.failures.map((f, i) => (
                  <TableRow key={i}>
                    <TableCell>{nameOf(f.channel)}</TableCell>
                    <TableCell className="font-mono text-xs">{f.code ?? ""}</TableCell>
                    <TableCell>{f.message ?? t("unknownReason")}</TableCell>
                    <TableCell className="text-right tabular-nums">{count(f.count)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
