"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { ColumnChooser, choosableColumns } from "@/components/ui/column-chooser";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RequestLogFilters } from "@/server/domain/request-log-filters";
import type { AppRouter } from "@/server/trpc/root";

type Listing = inferRouterOutputs<AppRouter>["requestLogs"]["list"];
type Row = Listing["rows"][number];

/** How often the first page asks again: requests keep arriving while a developer watches. */
const POLL_MS = 3000;

const features = tableFeatures({});
const column = createColumnHelper<typeof features, Row>();

export function statusVariant(status: number): "success" | "warning" | "destructive" {
  return status >= 500 ? "destructive" : status >= 400 ? "warning" : "success";
}

/**
 * An app's recent Open API requests (TanStack Table). The newest page polls, so a request sent now shows
 * within seconds; an older page (a cursor) stays still. A row opens the request's detail.
 */
export function RequestLogTable({ mchNo, filters, initial }: { mchNo: string; filters: RequestLogFilters; initial: Listing }) {
  const t = useTranslations("developerTools.requestLogs");
  const format = useFormatter();
  const trpc = useTRPC();
  const live = !filters.before;
  const { data } = useQuery(
    trpc.requestLogs.list.queryOptions({ mchNo, ...filters }, { initialData: initial, refetchInterval: live ? POLL_MS : false, placeholderData: keepPreviousData }),
  );
  const rows = data?.rows ?? [];
  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("createdAt", {
          header: () => t("columns.time"),
          cell: (info) => <span className="whitespace-nowrap tabular-nums">{format.dateTime(info.getValue(), { dateStyle: "short", timeStyle: "medium" })}</span>,
        }),
        column.accessor("path", {
          header: () => t("columns.request"),
          cell: (info) => (
            <Link href={`/console/${mchNo}/requests/${info.row.original.id}`} className="flex max-w-[26rem] items-baseline gap-2 font-mono text-xs text-primary hover:underline" data-testid="request-log-link">
              <span className="font-semibold">{info.row.original.method}</span>
              <span className="truncate" title={info.getValue()}>
                {info.getValue()}
              </span>
            </Link>
          ),
        }),
        column.accessor("status", {
          header: () => t("columns.status"),
          cell: (info) => (
            <div className="flex items-center gap-1">
              <Badge variant={statusVariant(info.getValue())} data-testid="request-log-status">
                {info.getValue()}
              </Badge>
              {!info.row.original.authenticated && (
                <Badge variant="outline" title={t("unverifiedHint")}>
                  {t("unverified")}
                </Badge>
              )}
            </div>
          ),
        }),
        column.accessor("latencyMs", {
          header: () => t("columns.latency"),
          cell: (info) => <span className="whitespace-nowrap tabular-nums">{t("latencyMs", { ms: info.getValue() })}</span>,
        }),
        column.accessor("errorCode", {
          header: () => t("columns.errorCode"),
          cell: (info) => <code className="text-xs" data-testid="request-log-error">{info.getValue() ?? ""}</code>,
        }),
        column.accessor("requestId", {
          header: () => t("columns.requestId"),
          cell: (info) => (
            <div className="max-w-[16rem] font-mono text-xs">
              <div className="truncate" title={info.getValue()}>
                {info.getValue()}
              </div>
              {info.row.original.idempotencyKey && (
                <div className="truncate text-muted-foreground" title={info.row.original.idempotencyKey}>
                  {info.row.original.idempotencyKey}
                </div>
              )}
            </div>
          ),
        }),
      ]),
    [t, format, mchNo],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (row) => String(row.id) });
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-muted-foreground" data-testid="request-log-live">
        {live ? t("live") : t("paused")}
      </p>
      <div className="flex justify-end">
        <ColumnChooser scope="requestLogs" columns={choosableColumns(table.getAllLeafColumns(), ["createdAt"])} />
      </div>
      <div data-columns="requestLogs">
        <Table aria-label={t("tableLabel")} data-testid="request-log-table">
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id}>
                {group.headers.map((header) => (
                  <TableHead key={header.id} data-col={header.column.id} className={cn(header.column.id === "latencyMs" && "text-right")}>
                    <table.FlexRender header={header} />
                  </TableHead>
                ))}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={6} className="py-8 text-center text-muted-foreground">
                  {t("noRows")}
                </TableCell>
              </TableRow>
            )}
            {table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-testid="request-log-row">
                {row.getAllCells().map((cell) => (
                  <TableCell key={cell.id} data-col={cell.column.id} className={cn(cell.column.id === "latencyMs" && "text-right")}>
                    <table.FlexRender cell={cell} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
