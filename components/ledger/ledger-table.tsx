"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { channelName } from "@/components/channels/channel-name";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { ColumnChooser } from "@/components/ui/column-chooser";
import { CopyableId } from "@/components/ui/copyable-id";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatAmount, isPointsCurrency } from "@/server/domain/asset-format";
import type { EntryKind } from "@/server/domain/ledger";
import type { LedgerRowView } from "@/server/services/ledger/list-ledger";
import { knownMessage } from "@/server/i18n/known-message";

const features = tableFeatures({});
const column = createColumnHelper<typeof features, LedgerRowView>();

const KIND_VARIANT: Record<EntryKind, "success" | "warning" | "destructive" | "secondary" | "outline"> = {
  payment: "success",
  refund: "warning",
  duplicate_refund: "destructive",
  fee_adjustment: "secondary",
  recon_adjustment: "secondary",
  recon_write_off: "destructive",
  wallet_top_up: "outline",
  wallet_freeze: "secondary",
  wallet_pay: "success",
  wallet_release: "secondary",
  wallet_refund: "warning",
  points_grant: "outline",
  points_freeze: "secondary",
  points_pay: "success",
  points_release: "secondary",
  points_refund: "warning",
  profit_share: "outline",
  profit_share_return: "secondary",
  settlement_payout: "secondary",
};

/** The column chooser's names, by column id. */
const LABELS: Record<string, "columns.kind" | "columns.channel" | "columns.amount" | "columns.fee" | "columns.net" | "columns.status" | "columns.ids" | "columns.channelTradeNo" | "columns.store"> = {
  kind: "columns.kind",
  channel: "columns.channel",
  amount: "columns.amount",
  fee: "columns.fee",
  net: "columns.net",
  orderStatus: "columns.status",
  payOrderNo: "columns.ids",
  channelTradeNo: "columns.channelTradeNo",
  storeId: "columns.store",
};

/** A signed amount: money in its currency, points (currency PTS) as "500 积分". */
function Money({ minor, currency, moneyOnly }: { minor: bigint; currency: string; moneyOnly?: boolean }) {
  const locale = useLocale();
  const t = useTranslations("ledger");
  // fee and net are money figures: a points row has neither
  if (moneyOnly && isPointsCurrency(currency)) return <span className="text-muted-foreground">—</span>;
  return <span className={cn("whitespace-nowrap tabular-nums", minor < 0n && "text-destructive")}>{formatAmount(minor, currency, locale, (points) => t("points", { points }))}</span>;
}

/** The ledger's rows (TanStack Table, server-paged: the table renders one keyset page). */
export function LedgerTable({ rows }: { rows: LedgerRowView[] }) {
  const t = useTranslations("ledger");
  const tc = useTranslations("channel");
  const tm = useTranslations("payModes");
  const format = useFormatter();
  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("occurredAt", {
          header: () => t("columns.time"),
          // date over time: the narrowest way to show both
          cell: (info) => (
            <div className="whitespace-nowrap tabular-nums">
              <div>{format.dateTime(info.getValue(), { dateStyle: "short" })}</div>
              <div className="text-xs text-muted-foreground">{format.dateTime(info.getValue(), { timeStyle: "short" })}</div>
            </div>
          ),
        }),
        column.accessor("kind", {
          header: () => t("columns.kind"),
          cell: (info) => <Badge variant={KIND_VARIANT[info.getValue()]}>{t(`kinds.${info.getValue()}`)}</Badge>,
        }),
        column.accessor("channel", {
          header: () => t("columns.channel"),
          cell: (info) => (
            <div className="whitespace-nowrap">
              <div>{channelName(tc, info.getValue())}</div>
              <div className="text-xs text-muted-foreground">{info.row.original.mode && knownMessage(tm, info.row.original.mode, info.row.original.mode)}</div>
            </div>
          ),
        }),
        column.accessor("amount", { header: () => t("columns.amount"), cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} /> }),
        column.accessor("fee", { header: () => t("columns.fee"), cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} moneyOnly /> }),
        column.accessor("net", { header: () => t("columns.net"), cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} moneyOnly /> }),
        column.accessor("orderStatus", {
          header: () => t("columns.status"),
          cell: (info) => {
            const status = info.getValue();
            return <span className="whitespace-nowrap">{status && knownMessage(t, `orderStatus.${status}`, status)}</span>;
          },
        }),
        column.accessor("payOrderNo", {
          header: () => t("columns.ids"),
          cell: (info) => {
            const row = info.row.original;
            return (
              <div className="flex flex-col font-mono text-xs">
                {info.getValue() && <CopyableId value={info.getValue() ?? ""} maxWidth="max-w-28" />}
                {row.refundNo && <CopyableId value={row.refundNo} maxWidth="max-w-28" />}
                <div className="max-w-32 truncate text-muted-foreground" title={row.mchOrderNo ?? undefined}>{row.mchOrderNo}</div>
                {/* a wallet or points movement: whose, and for which order / trade */}
                {row.buyerId && <div data-testid="ledger-buyer">{t("buyerOf", { buyerId: row.buyerId })}</div>}
                {row.orderNo && <div className="text-muted-foreground">{row.orderNo}</div>}
                {row.tradeId && <div className="text-muted-foreground">{row.tradeId}</div>}
              </div>
            );
          },
        }),
        column.accessor("channelTradeNo", {
          header: () => t("columns.channelTradeNo"),
          cell: (info) => (info.getValue() ? <CopyableId value={info.getValue() ?? ""} maxWidth="max-w-20" /> : <span className="text-muted-foreground">—</span>),
        }),
        column.accessor("storeId", { header: () => t("columns.store"), cell: (info) => <span className="block max-w-24 truncate text-xs" title={info.getValue() ?? undefined}>{info.getValue() ?? "—"}</span> }),
      ]),
    [t, tc, tm, format],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (row) => String(row.id) });
  const numeric = new Set(["amount", "fee", "net"]);
  const choosable = table.getAllLeafColumns().filter((c) => c.id !== "occurredAt").map((c) => ({ id: c.id, label: LABELS[c.id] ? t(LABELS[c.id]) : c.id }));
  return (
    <div className="flex flex-col gap-2" data-columns="ledger">
    <div className="flex justify-end">
      <ColumnChooser scope="ledger" columns={choosable} />
    </div>
    <Table aria-label={t("tableLabel")} data-testid="ledger-table">
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => (
              <TableHead key={header.id} data-col={header.column.id} className={cn(numeric.has(header.column.id) && "text-right")}>
                <table.FlexRender header={header} />
              </TableHead>
            ))}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id} data-testid="ledger-row">
            {row.getAllCells().map((cell) => (
              <TableCell key={cell.id} data-col={cell.column.id} className={cn(numeric.has(cell.column.id) && "text-right")}>
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
