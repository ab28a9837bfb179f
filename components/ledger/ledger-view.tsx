"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ExportPanel } from "@/components/exports/export-panel";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { type ParsedLedgerFilters } from "@/server/domain/ledger-schema";
import { formatPoints, isPointsCurrency } from "@/server/domain/asset-format";
import { formatMoney } from "@/server/domain/money";
import { EMPTY_LEDGER_FORM, LedgerFiltersForm, type LedgerFilterOptions } from "./ledger-filters-form";
import { LedgerTable } from "./ledger-table";

const PAGE_SIZE = 50;

/** The ledger (流水): filters, totals of the filtered set, one keyset page at a time, exports of the same rows. */
export function LedgerView({ mchNo, options, initialFilters }: { mchNo: string; options: LedgerFilterOptions; initialFilters: { from: string; to: string } }) {
  const t = useTranslations("ledger");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<ParsedLedgerFilters>(initialFilters as ParsedLedgerFilters);
  /** Cursors of the pages seen so far: [null (first page), cursor of page 2, …]. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const page = useQuery({ ...trpc.ledger.page.queryOptions({ mchNo, filters, cursor, limit: PAGE_SIZE }), placeholderData: keepPreviousData });
  const totals = useQuery({ ...trpc.ledger.totals.queryOptions({ mchNo, filters }), placeholderData: keepPreviousData });

  const apply = (next: ParsedLedgerFilters) => {
    setFilters(next);
    setCursors([null]);
  };

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardContent className="pt-6">
          <LedgerFiltersForm options={options} initial={{ ...EMPTY_LEDGER_FORM, ...initialFilters }} onApply={apply} />
        </CardContent>
      </Card>

      <Card data-testid="ledger-totals">
        <CardHeader>
          <CardTitle as="h2" className="text-base">
            {t("totals.title")}
          </CardTitle>
          <CardDescription className="sr-only">{t("totals.title")}</CardDescription>
        </CardHeader>
        <CardContent>
          {!totals.data ? (
            <Skeleton className="h-12 w-full" />
          ) : (
            <dl className="grid gap-4 sm:grid-cols-4">
              {(totals.data.length ? totals.data : [{ currency: "CNY", count: 0, amount: 0n, fee: 0n, net: 0n }]).flatMap((row) =>
                // points (PTS) are not money: their count and sum apart, never beside the money's figures
                isPointsCurrency(row.currency)
                  ? [
                      <div key="points-count">
                        <dt className="text-sm text-muted-foreground">{t("totals.pointsCount")}</dt>
                        <dd className="text-xl font-semibold tabular-nums" data-testid="total-points-count">{format.number(row.count)}</dd>
                      </div>,
                      <div key="points-amount" className="sm:col-span-3">
                        <dt className="text-sm text-muted-foreground">{t("totals.pointsAmount")}</dt>
                        <dd className="text-xl font-semibold tabular-nums" data-testid="total-points-amount">{t("points", { points: formatPoints(row.amount, locale) })}</dd>
                      </div>,
                    ]
                  : [
                      <div key={`${row.currency}-count`}>
                        <dt className="text-sm text-muted-foreground">{t("totals.count")}</dt>
                        <dd className="text-xl font-semibold tabular-nums" data-testid="total-count">{format.number(row.count)}</dd>
                      </div>,
                      ...(["amount", "fee", "net"] as const).map((key) => (
                        <div key={`${row.currency}-${key}`}>
                          <dt className="text-sm text-muted-foreground">{t(`totals.${key}`)}</dt>
                          <dd className="text-xl font-semibold tabular-nums" data-testid={`total-${key}`}>{formatMoney(row[key], row.currency, locale)}</dd>
                        </div>
                      )),
                    ],
              )}
            </dl>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
          <CardTitle as="h2" className="text-base">
            {t("tableLabel")}
          </CardTitle>
          <ExportPanel mchNo={mchNo} request={{ source: "ledger", filters }} />
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {!page.data ? (
            <Skeleton className="h-64 w-full" />
          ) : page.data.rows.length === 0 ? (
            <p className="py-12 text-center text-sm text-muted-foreground" data-testid="ledger-empty">
              {t("empty")}
            </p>
          ) : (
            <div className={page.isPlaceholderData ? "opacity-60" : undefined} aria-busy={page.isFetching}>
              <LedgerTable rows={page.data.rows} />
            </div>
          )}
          <nav className="flex items-center justify-between gap-2" aria-label={t("tableLabel")}>
            <span className="text-sm text-muted-foreground">
              {t("page", { page: cursors.length })} · {t("pageSize", { size: PAGE_SIZE })}
            </span>
            <div className="flex gap-2">
              <Button variant="outline" size="sm" disabled={cursors.length === 1} onClick={() => setCursors([null])}>
                {t("first")}
              </Button>
              <Button variant="outline" size="sm" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                {t("previous")}
              </Button>
              <Button
                variant="outline"
                size="sm"
                disabled={!page.data?.nextCursor || page.isPlaceholderData}
                onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data.nextCursor])}
              >
                {t("next")}
              </Button>
            </div>
          </nav>
        </CardContent>
      </Card>
    </div>
  );
}
