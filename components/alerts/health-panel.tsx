"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { channelName } from "@/components/channels/channel-name";
import { useTRPC } from "@/components/trpc/provider";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { LATENCY_BUCKETS_MS } from "@/server/domain/channel-metrics";
import type { HealthRange } from "@/server/services/alerts-console/channel-health";

const LAST_BOUND_MS = LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];

const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"];
const POLL_MS = 30_000;

/** Channel health per channel account (merchant, or every merchant's for operators), refreshing by itself. */
export function HealthPanel({ mchNo }: { mchNo: string | null }) {
  const t = useTranslations("monitoring");
  const tc = useTranslations("channel");
  const format = useFormatter();
  const trpc = useTRPC();
  const [range, setRange] = useState<HealthRange>("hour");
  const merchantQuery = useQuery({ ...trpc.alerts.health.queryOptions({ mchNo: mchNo ?? "", range }), enabled: mchNo !== null, refetchInterval: POLL_MS });
  const adminQuery = useQuery({ ...trpc.adminAlerts.health.queryOptions({ range }), enabled: mchNo === null, refetchInterval: POLL_MS });
  const data = mchNo !== null ? merchantQuery.data : adminQuery.data;
  const accounts = data?.accounts ?? [];
  const ms = (v: number | "over" | null): string => (v === "over" ? t("health.over", { ms: LAST_BOUND_MS }) : v === null ? t("health.notApplicable") : v >= 1000 ? t("health.seconds", { s: format.number(v / 1000, { maximumFractionDigits: 1 }) }) : t("health.ms", { ms: v }));
  const label = (a: (typeof accounts)[number]) => `${a.name}${a.merchant ? ` · ${a.merchant.name}` : ""}`;
  const series = (data?.series ?? []).map((p) => ({ at: format.dateTime(p.bucket, { timeStyle: "short" }), ...p.rates }));

  return (
    <Card data-testid="channel-health" data-loaded={data ? "true" : "false"}>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div>
          <CardTitle as="h2" className="text-base">
            {t("health.title")}
          </CardTitle>
          <CardDescription>{t("health.description")}</CardDescription>
        </div>
        <div className="flex gap-1 text-sm" role="group" aria-label={t("range.label")}>
          {(["hour", "day"] as const).map((r) => (
            <button key={r} type="button" aria-pressed={r === range} onClick={() => setRange(r)} className={cn("rounded px-2 py-1", r === range ? "bg-secondary font-medium" : "text-muted-foreground hover:text-foreground")}>
              {t(`range.${r}`)}
            </button>
          ))}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {!data ? null : accounts.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t("health.empty")}</p>
        ) : (
          <>
            <div className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("health.account")}</TableHead>
                    <TableHead className="text-right">{t("health.successRate")}</TableHead>
                    <TableHead className="text-right">{t("health.ended")}</TableHead>
                    <TableHead className="text-right">{t("health.p95Latency")}</TableHead>
                    <TableHead className="text-right">{t("health.callbackDelay")}</TableHead>
                    <TableHead>{t("health.topErrors")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {accounts.map((a) => (
                    <TableRow key={a.channelAccountId} data-testid="health-row">
                      <TableCell>
                        <div className="font-medium">{a.name}</div>
                        <div className="text-xs text-muted-foreground">
                          {channelName(tc, a.channel)}
                          {a.merchant && ` · ${a.merchant.name}`}
                        </div>
                      </TableCell>
                      <TableCell className={cn("text-right tabular-nums", a.successRate !== null && a.successRate < 70 && "font-medium text-destructive")} data-testid="health-success-rate">
                        {a.successRate === null ? t("health.notApplicable") : `${a.successRate}%`}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        <span data-testid="health-succeeded">{a.succeeded}</span> / <span data-testid="health-failed">{a.failed}</span>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{ms(a.p95LatencyMs)}</TableCell>
                      <TableCell className="text-right tabular-nums">{ms(a.p95CallbackDelayMs)}</TableCell>
                      <TableCell className="text-xs">
                        {a.topErrors.length === 0 ? (
                          <span className="text-muted-foreground">{t("health.noErrors")}</span>
                        ) : (
                          a.topErrors.map((e) => (
                            <div key={e.code}>
                              <code className="rounded bg-muted px-1">{e.code}</code> × {e.count}
                            </div>
                          ))
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <section aria-label={t("health.chartTitle")}>
              <h3 className="mb-2 text-sm font-medium">{t("health.chartTitle")}</h3>
              {series.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("health.chartEmpty")}</p>
              ) : (
                <div className="h-64 w-full">
                  <ResponsiveContainer width="100%" height="100%">
                    <LineChart data={series} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                      <CartesianGrid strokeDasharray="3 3" vertical={false} />
                      <XAxis dataKey="at" fontSize={12} />
                      <YAxis domain={[0, 100]} unit="%" fontSize={12} width={48} />
                      <Tooltip formatter={(v) => `${String(v)}%`} />
                      <Legend />
                      {accounts.slice(0, COLORS.length).map((a, i) => (
                        <Line key={a.channelAccountId} type="monotone" dataKey={a.channelAccountId} name={label(a)} stroke={COLORS[i]} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
                      ))}
                    </LineChart>
                  </ResponsiveContainer>
                </div>
              )}
            </section>
          </>
        )}
      </CardContent>
    </Card>
  );
}
