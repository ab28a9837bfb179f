import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { channelName } from "@/components/channels/channel-name";
import { dateOnly, flatParams } from "@/components/console/query-params";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { KeysetPager } from "@/components/console/keyset-pager";
import { PageHeader } from "@/components/shell/page-header";
import { ExportPanel } from "@/components/exports/export-panel";
import { StatusBadge } from "@/components/shell/status-badge";
import { ColumnChooser } from "@/components/ui/column-chooser";
import { CopyableId } from "@/components/ui/copyable-id";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt } from "@/server/auth/guards";
import { CHANNEL_CODES } from "@/server/domain/channel-codes";
import { orderFiltersSchema } from "@/server/domain/console-query-schema";
import { parseFilters } from "@/server/domain/parse-filters";
import { PAY_ORDER_STATUSES } from "@/server/domain/pay-order-states";
import { formatMoney } from "@/server/domain/money";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/pay-orders – every order, filtered server-side, keyset-paged (the seed's 多维度查询)
export default async function OrdersPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  // a field that does not parse is left out of the query but kept in its box with an error under it
  const { filters, invalid } = parseFilters(orderFiltersSchema, raw);
  const typed = (name: "minAmount" | "maxAmount") => (invalid.includes(name) ? (raw[name] ?? "") : (filters[name] ?? ""));
  const caller = await serverCaller();
  const page = await orInterrupt(caller.payOrders.list({ mchNo, ...filters }), `/console/${mchNo}/pay-orders`);
  const [t, tf, locale, format] = await Promise.all([getTranslations("orders"), getTranslations("filters"), getLocale(), getFormatter()]);
  const tStatus = await getTranslations("orderStatus");
  const tChannel = await getTranslations("channel");
  const base = `/console/${mchNo}/pay-orders`;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {page.mayExport && (
        <ExportPanel
          mchNo={mchNo}
          request={{
            source: "orders",
            filters: {
              from: dateOnly(filters.from),
              to: dateOnly(filters.to),
              appId: filters.appId,
              status: filters.status,
              search: filters.q,
              channel: filters.channel,
              minAmount: filters.minAmount,
              maxAmount: filters.maxAmount,
            },
          }}
        />
      )}
      <FilterBar path={base}>
        <FilterInput label={tf("search")} className="min-w-64 flex-1" name="q" defaultValue={filters.q ?? ""} placeholder="P2026…" maxLength={64} />
        <FilterSelect
          label={tf("app")}
          name="appId"
          defaultValue={filters.appId ?? ""}
          options={[{ value: "", label: tf("allApps") }, ...page.apps.map((a) => ({ value: a.id, label: a.name }))]}
        />
        <FilterSelect
          label={tf("status")}
          name="status"
          defaultValue={filters.status ?? ""}
          options={[{ value: "", label: tf("allStatuses") }, ...PAY_ORDER_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))]}
        />
        <FilterSelect
          label={tf("channel")}
          name="channel"
          defaultValue={filters.channel ?? ""}
          options={[{ value: "", label: tf("allChannels") }, ...CHANNEL_CODES.map((c) => ({ value: c, label: channelName(tChannel, c) }))]}
        />
        <FilterInput label={tf("from")} type="date" name="from" defaultValue={filters.from ?? ""} />
        <FilterInput label={tf("to")} type="date" name="to" defaultValue={filters.to ?? ""} />
        <FilterInput
          label={tf("minAmount")}
          name="minAmount"
          inputMode="decimal"
          defaultValue={typed("minAmount")}
          error={invalid.includes("minAmount") ? tf("amountInvalid") : undefined}
          className="w-28"
        />
        <FilterInput
          label={tf("maxAmount")}
          name="maxAmount"
          inputMode="decimal"
          defaultValue={typed("maxAmount")}
          error={invalid.includes("maxAmount") ? tf("amountInvalid") : undefined}
          className="w-28"
        />
      </FilterBar>
      {invalid.some((name) => name !== "minAmount" && name !== "maxAmount") && <p className="text-sm text-warning-foreground">{tf("invalid")}</p>}

      <div className="flex justify-end">
        <ColumnChooser
          scope="payOrders"
          columns={[
            { id: "mchOrderNo", label: t("mchOrderNo") },
            { id: "subject", label: t("subject") },
            { id: "app", label: t("app") },
            { id: "channel", label: t("channel") },
            { id: "amount", label: t("amount") },
            { id: "status", label: t("status") },
            { id: "createdAt", label: t("createdAt") },
          ]}
        />
      </div>
      <div className="rounded-lg border bg-card" data-columns="payOrders">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("payOrderNo")}</TableHead>
              <TableHead data-col="mchOrderNo">{t("mchOrderNo")}</TableHead>
              <TableHead data-col="subject">{t("subject")}</TableHead>
              <TableHead data-col="app">{t("app")}</TableHead>
              <TableHead data-col="channel">{t("channel")}</TableHead>
              <TableHead data-col="amount" className="text-right">{t("amount")}</TableHead>
              <TableHead data-col="status">{t("status")}</TableHead>
              <TableHead data-col="createdAt">{t("createdAt")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={8} className="py-10 text-center text-muted-foreground">
                  {t("empty")}
                </TableCell>
              </TableRow>
            )}
            {page.rows.map((order) => (
              <TableRow key={order.payOrderNo} data-testid="order-row">
                <TableCell>
                  <CopyableId value={order.payOrderNo} maxWidth="max-w-36">
                    <Link href={`${base}/${order.payOrderNo}`} className="text-primary hover:underline">
                      {order.payOrderNo}
                    </Link>
                  </CopyableId>
                </TableCell>
                <TableCell data-col="mchOrderNo">
                  <CopyableId value={order.mchOrderNo} maxWidth="max-w-32" />
                </TableCell>
                <TableCell data-col="subject" className="max-w-36 truncate" title={order.subject}>{order.subject}</TableCell>
                <TableCell data-col="app" className="max-w-28 truncate text-xs" title={order.app.name}>{order.app.name}</TableCell>
                <TableCell data-col="channel" className="text-xs">{order.channel ? channelName(tChannel, order.channel) : "—"}</TableCell>
                <TableCell data-col="amount" className="text-right tabular-nums">{formatMoney(order.amount, order.currency, locale)}</TableCell>
                <TableCell data-col="status">
                  <StatusBadge kind="orderStatus" status={order.status} />
                </TableCell>
                <TableCell data-col="createdAt" className="text-xs text-muted-foreground tabular-nums">
                  {format.dateTime(order.createdAt, { dateStyle: "short", timeStyle: "short" })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <KeysetPager path={base} params={raw} cursor={filters.cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
