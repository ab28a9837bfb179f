"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { channelName } from "@/components/channels/channel-name";
import { useTRPC } from "@/components/trpc/provider";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import { PosStatusBadge } from "./pos-status-badge";

/** How often the takings refresh by themselves (other clerks' payments, a late confirmation, a refund). */
export const TAKINGS_REFRESH_MS = 10_000;

/** Today's takings of the member's stores (or the chosen store): figures, by payment method, and the latest payments. */
export function TakingsPanel({ mchNo, storeId }: { mchNo: string; storeId?: string }) {
  const t = useTranslations("pos.takings");
  const tc = useTranslations("channel");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.pos.takings.queryOptions({ mchNo, storeId }), refetchInterval: TAKINGS_REFRESH_MS });
  if (!data) return null;
  const money = (amount: bigint) => formatMoney(amount, data.currency, locale);
  const figures = [
    { key: "count", value: format.number(data.paidCount), sub: null },
    { key: "total", value: money(data.paidAmount), sub: null },
    { key: "refunds", value: money(data.refundedAmount), sub: t("refundsCount", { count: data.refundedCount }) },
    { key: "net", value: money(data.netAmount), sub: null },
  ] as const;
  return (
    <Card className="self-start print:hidden" data-testid="pos-takings">
      <CardHeader>
        <CardTitle>
          {t("title")}
          {storeId && <span className="ml-2 font-mono text-sm font-normal text-muted-foreground">{storeId}</span>}
        </CardTitle>
        <CardDescription>{t("day", { day: data.day })}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {figures.map((f) => (
            <div key={f.key} className="rounded-md border p-3" data-testid={`pos-takings-${f.key}`}>
              <dt className="text-xs text-muted-foreground">{t(f.key)}</dt>
              <dd className="text-lg font-semibold tabular-nums">{f.value}</dd>
              {f.sub && <dd className="text-xs text-muted-foreground tabular-nums">{f.sub}</dd>}
            </div>
          ))}
        </dl>
        {data.byChannel.length > 0 && (
          <div>
            <p className="mb-1 text-xs text-muted-foreground">{t("byChannel")}</p>
            <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {data.byChannel.map((c) => (
                <li key={c.channel} data-testid="pos-takings-channel">
                  <span className="font-medium">{channelName(tc, c.channel)}</span> <span className="tabular-nums text-muted-foreground">{t("channelValue", { count: c.count, amount: money(c.amount) })}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {data.payments.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("time")}</TableHead>
                <TableHead className="text-right">{t("amount")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("channel")}</TableHead>
                <TableHead>{t("status")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("cashier")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.payments.map((p) => (
                <TableRow key={p.orderNo} data-testid="pos-takings-row">
                  <TableCell className="tabular-nums">
                    {format.dateTime(p.placedAt, { timeStyle: "medium" })}
                    {!storeId && p.storeId && <div className="font-mono text-xs text-muted-foreground">{p.storeId}</div>}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {money(p.amount)}
                    {p.refundedAmount > 0n && <div className="text-xs text-muted-foreground">{t("refunded", { amount: money(p.refundedAmount) })}</div>}
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{p.channel ? channelName(tc, p.channel) : ""}</TableCell>
                  <TableCell>
                    <PosStatusBadge status={p.status} />
                  </TableCell>
                  <TableCell className="hidden md:table-cell">{p.cashierName ?? ""}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {data.payments.length >= 100 && <p className="text-xs text-muted-foreground">{t("more", { count: data.payments.length })}</p>}
      </CardContent>
    </Card>
  );
}
