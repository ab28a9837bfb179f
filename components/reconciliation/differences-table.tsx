"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { NativeSelect } from "@/components/ui/native-select";
import { ColumnChooser, choosableColumns } from "@/components/ui/column-chooser";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { inferRouterOutputs } from "@trpc/server";
import { differenceDelta } from "@/server/domain/reconciliation";
import type { AppRouter } from "@/server/trpc/root";
import { DifferenceStatusBadge, DifferenceTypeBadge } from "./recon-badges";
import { reconErrorKey } from "./recon-error";
import { ReconMoney } from "./recon-money";
import { type BulkOutcome, ResolveDialog } from "./resolve-dialog";

type Row = inferRouterOutputs<AppRouter>["reconciliation"]["differences"]["rows"][number];
type Assignee = { id: string; name: string };

const features = tableFeatures({});
const column = createColumnHelper<typeof features, Row>();

const delta = (r: Row) => {
  const { amount, fee } = differenceDelta(r);
  return amount || fee;
};

/**
 * The discrepancy queue's page (TanStack Table, keyset-paged by the server). Finance selects rows
 * and assigns or resolves them together; each is done on its own and the report says which were not.
 */
export function DifferencesTable({ mchNo, rows, assignees, canManage }: { mchNo: string; rows: Row[]; assignees: Assignee[]; canManage: boolean }) {
  const t = useTranslations("reconciliation");
  const router = useRouter();
  const trpc = useTRPC();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignee, setAssignee] = useState("");
  const [resolving, setResolving] = useState(false);
  const [report, setReport] = useState<BulkOutcome[] | null>(null);
  const bulkAssign = useMutation(trpc.reconciliation.bulkAssign.mutationOptions());
  const selectable = rows.filter((r) => r.status !== "RESOLVED");
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const finished = (outcomes: BulkOutcome[]) => {
    setResolving(false);
    setReport(outcomes);
    setSelected(new Set());
    router.refresh();
  };

  const columns = useMemo(
    () =>
      column.columns([
        ...(canManage
          ? [
              column.display({
                id: "select",
                header: () => (
                  <Checkbox
                    aria-label={t("queue.selectAll")}
                    checked={selectable.length > 0 && selectable.every((r) => selected.has(r.id))}
                    onCheckedChange={(on) => setSelected(on ? new Set(selectable.map((r) => r.id)) : new Set())}
                  />
                ),
                cell: ({ row: { original: r } }) => (
                  <Checkbox aria-label={t("queue.select")} disabled={r.status === "RESOLVED"} checked={selected.has(r.id)} onCheckedChange={(on) => toggle(r.id, on === true)} />
                ),
              }),
            ]
          : []),
        column.accessor("billDate", { header: () => t("queue.billDate"), cell: (info) => <span className="whitespace-nowrap tabular-nums">{info.getValue()}</span> }),
        column.accessor("type", {
          header: () => t("queue.type"),
          cell: ({ row: { original: r } }) => (
            <div className="flex flex-col gap-1">
              <DifferenceTypeBadge type={r.type} />
              <span className="text-xs text-muted-foreground">{t(`movement.${r.kind === "refund" ? "refund" : "payment"}`)}</span>
            </div>
          ),
        }),
        column.accessor("outNo", {
          header: () => t("queue.outNo"),
          cell: ({ row: { original: r } }) => (
            <div className="font-mono text-xs">
              <div>{r.outNo}</div>
              {r.channelTradeNo && <div className="text-muted-foreground">{r.channelTradeNo}</div>}
              <div className="font-sans text-muted-foreground">{r.channelAccountName}</div>
            </div>
          ),
        }),
        column.accessor("channelAmount", {
          header: () => t("queue.channelAmount"),
          cell: ({ row: { original: r } }) => (
            <div className="text-right text-xs">
              <ReconMoney minor={r.channelAmount} currency={r.currency} />
              <div className="text-muted-foreground">
                <ReconMoney minor={r.channelFee} currency={r.currency} />
              </div>
            </div>
          ),
        }),
        column.accessor("localAmount", {
          header: () => t("queue.localAmount"),
          cell: ({ row: { original: r } }) => (
            <div className="text-right text-xs">
              <ReconMoney minor={r.localAmount} currency={r.currency} />
              <div className="text-muted-foreground">
                <ReconMoney minor={r.localFee} currency={r.currency} />
              </div>
            </div>
          ),
        }),
        column.display({
          id: "delta",
          header: () => t("queue.difference"),
          cell: ({ row: { original: r } }) => (
            <div className="text-right text-xs font-medium">
              <ReconMoney minor={delta(r)} currency={r.currency} />
            </div>
          ),
        }),
        column.accessor("status", { header: () => t("queue.status"), cell: ({ row: { original: r } }) => <DifferenceStatusBadge status={r.status} resolution={r.resolution} /> }),
        column.accessor("assigneeName", {
          header: () => t("queue.assignee"),
          cell: (info) => <span className="whitespace-nowrap text-xs">{info.getValue() ?? <span className="text-muted-foreground">{t("queue.unassigned")}</span>}</span>,
        }),
        column.display({
          id: "view",
          header: () => "",
          cell: ({ row: { original: r } }) => (
            <Link href={`/console/${mchNo}/reconciliation/differences/${r.id}`} className="whitespace-nowrap text-primary hover:underline" data-testid="difference-link">
              {t("queue.view")}
            </Link>
          ),
        }),
      ]),
    [t, mchNo, canManage, selected, selectable],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.id });
  const ids = [...selected];
  const failed = report?.filter((o) => !o.ok) ?? [];

  return (
    <div className="flex flex-col gap-3">
      {canManage && ids.length > 0 && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border bg-accent/40 p-3 text-sm" data-testid="bulk-bar">
          <span className="font-medium">{t("queue.selected", { count: ids.length })}</span>
          <label className="flex items-center gap-2">
            {t("queue.assignTo")}
            <NativeSelect className="w-40" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">{t("queue.unassigned")}</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </NativeSelect>
          </label>
          <Button
            size="sm"
            variant="outline"
            disabled={bulkAssign.isPending}
            onClick={async () => {
              const done = await bulkAssign.mutateAsync({ mchNo, differenceIds: ids, assigneeId: assignee || null }).catch(() => null);
              if (done) finished(done.outcomes);
            }}
          >
            {t("queue.assign")}
          </Button>
          <Button size="sm" onClick={() => setResolving(true)} data-testid="bulk-resolve">
            {t("queue.resolve")}
          </Button>
          {bulkAssign.error && <span className="text-destructive">{t(`errors.${reconErrorKey(bulkAssign.error)}`)}</span>}
        </div>
      )}
      {report && (
        <Alert variant={failed.length ? "destructive" : "default"} data-testid="bulk-report">
          <AlertDescription>
            {t("queue.bulkDone", { ok: report.length - failed.length, failed: failed.length })}
            {failed.length > 0 && (
              <ul className="mt-1 list-disc pl-5 text-xs">
                {failed.map((o) => (
                  <li key={o.differenceId}>
                    <span className="font-mono">{rows.find((r) => r.id === o.differenceId)?.outNo ?? o.differenceId}</span>: {t(`errors.${reconErrorKey(o.code)}`)}
                  </li>
                ))}
              </ul>
            )}
          </AlertDescription>
        </Alert>
      )}
      <div className="flex justify-end">
        <ColumnChooser scope="reconDifferences" columns={choosableColumns(table.getAllLeafColumns(), ["select", "view"])} />
      </div>
      <div className="rounded-lg border bg-card" data-columns="reconDifferences">
        <Table aria-label={t("queue.title")} data-testid="differences-table">
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
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={10} className="py-10 text-center text-muted-foreground">
                  {t("queue.empty")}
                </TableCell>
              </TableRow>
            )}
            {table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-testid="difference-row" data-out-no={row.original.outNo} data-state={selected.has(row.id) ? "selected" : undefined}>
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
      <ResolveDialog mchNo={mchNo} differenceIds={ids} open={resolving} onOpenChange={setResolving} onDone={finished} />
    </div>
  );
}
