"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { channelName } from "@/components/channels/channel-name";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import type { RouteRuleInput } from "@/server/domain/route-rule-schema";

type Line = { orders: number; amount: bigint; fees: bigint; estimatedSuccesses: number };

/**
 * "What if": replays the app's recent orders through the draft rules (validated first by the
 * editor's `draft()`), showing per account the traffic share, estimated fees and success, now vs draft.
 */
export function RouteSimulator({ mchNo, appId, draft }: { mchNo: string; appId: string; draft: () => Promise<RouteRuleInput[] | null> }) {
  const t = useTranslations("routing");
  const tc = useTranslations("channel");
  const locale = useLocale();
  const trpc = useTRPC();
  const [days, setDays] = useState(7);
  const simulate = useMutation(trpc.routing.simulate.mutationOptions());
  const result = simulate.data;
  const share = (line: Line, total: number) => (total ? `${((line.orders * 100) / total).toFixed(1)}%` : "—");
  const success = (line: Line) => (line.orders ? `${((line.estimatedSuccesses * 100) / line.orders).toFixed(1)}%` : "—");
  const money = (fen: bigint) => formatMoney(fen, "CNY", locale);

  return (
    <div className="grid gap-4" data-testid="route-simulator">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-2">
          <Label htmlFor="simulate-days">{t("days")}</Label>
          <Input id="simulate-days" className="w-24" type="number" min={1} max={90} value={days} onChange={(e) => setDays(Math.min(90, Math.max(1, Number(e.target.value) || 1)))} />
        </div>
        <Button
          type="button"
          variant="outline"
          disabled={simulate.isPending}
          onClick={async () => {
            const rules = await draft();
            if (rules) simulate.mutate({ mchNo, appId, days, rules });
          }}
        >
          {simulate.isPending ? t("simulating") : t("simulate")}
        </Button>
      </div>
      {simulate.isError && <p className="text-sm text-destructive">{t("errors.invalid")}</p>}
      {result && result.orders === 0 && <p className="text-sm text-muted-foreground">{t("noOrders")}</p>}
      {result && result.orders > 0 && (
        <>
          <p className="text-sm text-muted-foreground">
            {t("simulatedOrders", { orders: result.orders, days: result.days })}
            {result.unrouted > 0 && ` · ${t("unrouted", { count: result.unrouted })}`}
          </p>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead rowSpan={2}>{t("account")}</TableHead>
                <TableHead colSpan={2} className="text-center">{t("share")}</TableHead>
                <TableHead colSpan={2} className="text-center">{t("fees")}</TableHead>
                <TableHead colSpan={2} className="text-center">{t("success")}</TableHead>
              </TableRow>
              <TableRow>
                {[0, 1, 2].flatMap((i) => [
                  <TableHead key={`b${i}`} className="text-right">{t("before")}</TableHead>,
                  <TableHead key={`a${i}`} className="text-right">{t("after")}</TableHead>,
                ])}
              </TableRow>
            </TableHeader>
            <TableBody>
              {[...result.lines, { accountId: "total", name: t("total"), channel: "", before: result.before, after: result.after }].map((line) => (
                <TableRow key={line.accountId} className={line.accountId === "total" ? "font-medium" : undefined}>
                  <TableCell>
                    {line.name}
                    {line.channel && <span className="text-xs text-muted-foreground"> · {channelName(tc, line.channel)}</span>}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{share(line.before, result.orders)}</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid={`sim-after-${line.accountId}`}>{share(line.after, result.orders)}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(line.before.fees)}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(line.after.fees)}</TableCell>
                  <TableCell className="text-right tabular-nums">{success(line.before)}</TableCell>
                  <TableCell className="text-right tabular-nums">{success(line.after)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </div>
  );
}
