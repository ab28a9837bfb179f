"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RunView } from "@/server/services/reconciliation/list-runs";
import { RunStatusBadge } from "./recon-badges";
import { ReconMoney } from "./recon-money";
import { RUN_DIFFERENCE_COUNTS } from "@/server/domain/reconciliation";

const features = tableFeatures({});
const column = createColumnHelper<typeof features, RunView>();

/** The runs of the chosen days per channel account, with both sides' figures (amounts in 元). */
export function RunsTable({ mchNo, runs }: { mchNo: string; runs: RunView[] }) {
  const t = useTranslations("reconciliation");
  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("billDate", {
          header: () => t("runs.billDate"),
          cell: (info) => <span className="whitespace-nowrap tabular-nums">{info.getValue()}</span>,
        }),
        column.accessor("channelAccountName", { header: () => t("runs.account"), cell: (info) => <span className="whitespace-nowrap">{info.getValue()}</span> }),
        column.accessor("status", { header: () => t("runs.status"), cell: (info) => <RunStatusBadge status={info.getValue()} /> }),
        column.display({
          id: "bill",
          header: () => t("runs.billSide"),
          cell: ({ row: { original: r } }) => (
            <div className="text-xs">
              <div>
                {t("run.payments")} {r.billPaymentCount} · <ReconMoney minor={r.billPaymentAmount} />
              </div>
              <div>
                {t("run.refunds")} {r.billRefundCount} · <ReconMoney minor={r.billRefundAmount} />
              </div>
              <div className="text-muted-foreground">
                {t("run.fees")} <ReconMoney minor={r.billFee} />
              </div>
            </div>
          ),
        }),
        column.display({
          id: "local",
          header: () => t("runs.localSide"),
          cell: ({ row: { original: r } }) => (
            <div className="text-xs">
              <div>
                {t("run.payments")} {r.localPaymentCount} · <ReconMoney minor={r.localPaymentAmount} />
              </div>
              <div>
                {t("run.refunds")} {r.localRefundCount} · <ReconMoney minor={r.localRefundAmount} />
              </div>
              <div className="text-muted-foreground">
                {t("run.fees")} <ReconMoney minor={r.localFee} />
              </div>
            </div>
          ),
        }),
        column.accessor("matched", { header: () => t("runs.matched"), cell: (info) => <span className="tabular-nums">{info.getValue()}</span> }),
        column.display({
          id: "differences",
          header: () => t("runs.differences"),
          cell: ({ row: { original: r } }) => (
            <div className="flex flex-col text-xs">
              {RUN_DIFFERENCE_COUNTS.filter(([field]) => r[field] > 0).map(([field, type]) => (
                <span key={field} className="whitespace-nowrap">
                  {t(`types.${type}`)} {r[field]}
                </span>
              ))}
              {r.differences === 0 && <span className="text-muted-foreground">0</span>}
            </div>
          ),
        }),
        column.accessor("openDifferences", {
          header: () => t("runs.open"),
          cell: ({ row: { original: r } }) =>
            r.closedAt ? (
              <span className="whitespace-nowrap text-success">✓ {t("runs.closed")}</span>
            ) : (
              <span className={cn("tabular-nums", r.openDifferences > 0 && "font-medium text-warning-foreground")}>{r.openDifferences}</span>
            ),
        }),
        column.display({
          id: "view",
          header: () => "",
          cell: ({ row: { original: r } }) => (
            <Link href={`/console/${mchNo}/reconciliation/runs/${r.id}`} className="whitespace-nowrap text-primary hover:underline" data-testid="run-link">
              {t("runs.view")}
            </Link>
          ),
        }),
      ]),
    [t, mchNo],
  );
  const table = useTable({ features, columns, data: runs, getRowId: (row) => row.id });
  return (
    <Table aria-label={t("runs.title")} data-testid="runs-table">
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => (
              <TableHead key={header.id}>
                <table.FlexRender header={header} />
              </TableHead>
            ))}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {runs.length === 0 && (
          <TableRow>
            <TableCell colSpan={9} className="py-10 text-center text-muted-foreground">
              {t("runs.empty")}
            </TableCell>
          </TableRow>
        )}
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id} data-testid="run-row" data-bill-date={row.original.billDate}>
            {row.getAllCells().map((cell) => (
              <TableCell key={cell.id} className="align-top">
                <table.FlexRender cell={cell} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
