"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { ReconMoney } from "@/components/reconciliation/recon-money";
import { Badge } from "@/components/ui/badge";
import { ColumnChooser, choosableColumns } from "@/components/ui/column-chooser";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { StatementView } from "@/server/services/settlement/statement-view";
import { StatementStatusBadge } from "./statement-badges";
import { StatementGroup } from "./statement-group";

const features = tableFeatures({});
/** HH:mm of an instant in Beijing time (a D0 statement's cut). */
const beijingTime = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
const column = createColumnHelper<typeof features, StatementView>();

/** A merchant's statements, newest period first: period, scope, status, net payable, the unreconciled flag, the payout reference. */
export function StatementsTable({ mchNo, statements }: { mchNo: string; statements: StatementView[] }) {
  const t = useTranslations("settlement");
  const columns = useMemo(
    () =>
      column.columns([
        column.display({
          id: "period",
          header: () => t("period"),
          cell: ({ row: { original: s } }) => (
            <Link href={`/console/${mchNo}/settlement/${s.statementNo}`} className="whitespace-nowrap font-medium text-primary tabular-nums hover:underline" data-testid="statement-link">
              {s.periodFrom === s.periodTo ? s.periodFrom : t("periodValue", { start: s.periodFrom, end: s.periodTo })}
              {s.cycle === "D0" && <span className="ml-1 text-xs text-muted-foreground">→ {beijingTime(s.periodEnd)}</span>}
            </Link>
          ),
        }),
        column.accessor("statementNo", {
          header: () => t("statementNo"),
          cell: (info) => <span className="whitespace-nowrap font-mono text-xs text-muted-foreground">{info.getValue()}</span>,
        }),
        column.display({
          id: "group",
          header: () => t("group"),
          cell: ({ row: { original: s } }) => (
            <span className="whitespace-nowrap text-sm">
              <StatementGroup scope={s.scope} groupKey={s.groupKey} /> · {s.currency}
            </span>
          ),
        }),
        column.accessor("status", { header: () => t("status"), cell: (info) => <StatementStatusBadge status={info.getValue()} /> }),
        column.accessor("netAmount", {
          header: () => <span className="block text-right">{t("net")}</span>,
          cell: ({ row: { original: s } }) => (
            <div className="text-right">
              <ReconMoney minor={s.netAmount} currency={s.currency} className="font-medium" />
            </div>
          ),
        }),
        column.accessor("unreconciledAmount", {
          header: () => t("unreconciled"),
          cell: ({ row: { original: s } }) =>
            s.unreconciledAmount !== 0n ? (
              <Badge variant="warning" title={t("unreconciled")}>
                {t("list.unreconciledFlag")} <ReconMoney minor={s.unreconciledAmount} currency={s.currency} />
              </Badge>
            ) : (
              <span className="text-muted-foreground">—</span>
            ),
        }),
        column.display({
          id: "payout",
          header: () => t("payoutReference"),
          cell: ({ row: { original: s } }) => <span className="whitespace-nowrap text-sm">{s.payout?.reference ?? <span className="text-muted-foreground">—</span>}</span>,
        }),
      ]),
    [t, mchNo],
  );
  const table = useTable({ features, columns, data: statements, getRowId: (row) => row.statementNo });
  return (
    <div className="flex flex-col gap-2" data-columns="statements">
    <div className="flex justify-end">
      <ColumnChooser scope="statements" columns={choosableColumns(table.getAllLeafColumns(), ["period"])} />
    </div>
    <Table aria-label={t("title")} data-testid="statements-table">
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => (
              <TableHead key={header.id} data-col={header.column.id}>
                <table.FlexRender header={header} />
              </TableHead>
            ))}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {statements.length === 0 && (
          <TableRow>
            <TableCell colSpan={7} className="py-10 text-center text-muted-foreground">
              {t("list.empty")}
            </TableCell>
          </TableRow>
        )}
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id} data-testid="statement-row" data-period={row.original.periodFrom} data-status={row.original.status}>
            {row.getAllCells().map((cell) => (
              <TableCell key={cell.id} data-col={cell.column.id} className="align-top">
                <table.FlexRender cell={cell} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
    </div>
  );
}
