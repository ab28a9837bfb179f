"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RISK_ACTIONS, type RiskRuleInput } from "@/server/domain/risk-rule-schema";
import { RiskActionBadge } from "./risk-badges";
import { useRiskText } from "./risk-text";

/**
 * "What if": the merchant's orders of the last N days (≤ 30) replayed through the live rules and through the live
 * rules plus this draft, with the live engine: how many would be allowed, reviewed, blocked, and examples.
 */
export function WhatIfPanel({ mchNo, ruleId, draft }: { mchNo: string; ruleId?: string; draft: () => Promise<RiskRuleInput | null> }) {
  const t = useTranslations("risk");
  const format = useFormatter();
  const text = useRiskText();
  const trpc = useTRPC();
  const [days, setDays] = useState(7);
  const [invalid, setInvalid] = useState(false);
  const run = useMutation(trpc.risk.whatIf.mutationOptions());
  const result = run.data;

  return (
    <section className="grid gap-3 rounded-md border bg-muted/30 p-4" data-testid="risk-what-if" aria-label={t("whatIf.title")}>
      <div>
        <h3 className="font-medium">{t("whatIf.title")}</h3>
        <p className="text-sm text-muted-foreground">{t("whatIf.description")}</p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-2">
          <Label htmlFor="what-if-days">{t("whatIf.days")}</Label>
          <Input id="what-if-days" className="w-24" type="number" min={1} max={30} value={days} onChange={(e) => setDays(Math.min(30, Math.max(1, Number(e.target.value) || 1)))} />
        </div>
        <Button
          type="button"
          variant="outline"
          disabled={run.isPending}
          data-testid="risk-what-if-run"
          onClick={async () => {
            const rule = await draft();
            setInvalid(!rule);
            if (rule) run.mutate({ mchNo, days, rule, ruleId });
          }}
        >
          {run.isPending ? t("whatIf.running") : t("whatIf.run")}
        </Button>
      </div>
      {invalid && <p className="text-sm text-destructive">{t("whatIf.invalid")}</p>}
      {run.isError && <p className="text-sm text-destructive">{t("whatIf.failed")}</p>}
      {result && result.orders === 0 && <p className="text-sm text-muted-foreground">{t("whatIf.noOrders", { days: result.days })}</p>}
      {result && result.orders > 0 && (
        <div className="grid gap-3" data-testid="risk-what-if-result">
          <p className="text-sm">
            {t("whatIf.summary", { orders: result.orders, days: result.days, hits: result.draftHits, changed: result.changed })}
            {result.truncated && ` ${t("whatIf.truncated")}`}
          </p>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("whatIf.outcome")}</TableHead>
                <TableHead className="text-right">{t("whatIf.before")}</TableHead>
                <TableHead className="text-right">{t("whatIf.after")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {RISK_ACTIONS.map((a) => (
                <TableRow key={a}>
                  <TableCell>
                    <RiskActionBadge action={a} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{result.before[a]}</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid={`what-if-after-${a}`}>
                    {result.after[a]}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {result.examples.length > 0 && (
            <>
              <h4 className="text-sm font-medium">{t("whatIf.examples")}</h4>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("columns.order")}</TableHead>
                    <TableHead>{t("columns.time")}</TableHead>
                    <TableHead className="text-right">{t("columns.amount")}</TableHead>
                    <TableHead>{t("whatIf.change")}</TableHead>
                    <TableHead>{t("columns.reason")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {result.examples.map((e) => (
                    <TableRow key={e.orderNo}>
                      <TableCell className="font-mono text-xs">{e.orderNo}</TableCell>
                      <TableCell className="whitespace-nowrap">{format.dateTime(e.at, { dateStyle: "short", timeStyle: "short" })}</TableCell>
                      <TableCell className="text-right tabular-nums">{text.money(e.amount)}</TableCell>
                      <TableCell className="whitespace-nowrap">
                        <RiskActionBadge action={e.before} /> → <RiskActionBadge action={e.after} />
                      </TableCell>
                      <TableCell>{e.hit ? text.hit(e.hit) : "—"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
