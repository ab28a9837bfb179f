import { Upload } from "lucide-react";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { dateOnly, flatParams } from "@/components/console/query-params";
import { KeysetPager } from "@/components/console/keyset-pager";
import { ExportPanel } from "@/components/exports/export-panel";
import { OrderStatusBadge, OverdueBadge } from "@/components/orders/order-status-badge";
import { SavedViews } from "@/components/orders/saved-views";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { ColumnChooser } from "@/components/ui/column-chooser";
import { CopyableId } from "@/components/ui/copyable-id";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt } from "@/server/auth/guards";
import { formatMoney } from "@/server/domain/money";
import { orderCenterFiltersSchema } from "@/server/domain/order-center-filters";
import { ORDER_STATUSES, ORDER_TYPES } from "@/server/domain/order-flows";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/orders – the order center (订单中心): every line's orders, by every filter of the query API, keyset-paged, with saved views
export default async function OrderCenterPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const parsed = orderCenterFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : orderCenterFiltersSchema.parse({});
  const caller = await serverCaller();
  const base = `/console/${mchNo}/orders`;
  const page = await orInterrupt(caller.orders.list({ mchNo, ...filters }), base);
  const [t, locale, format] = await Promise.all([getTranslations("orderCenter"), getLocale(), getFormatter()]);
  const { cursor: _cursor, ...viewFilters } = filters;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          page.may.import ? (
            <Button asChild variant="outline">
              <Link href={`${base}/import`}>
                <Upload aria-hidden /> {t("list.import")}
              </Link>
            </Button>
          ) : undefined
        }
      />
      {page.dealerStores && <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm" data-testid="dealer-scope">{t("list.dealerScope", { stores: page.dealerStores.join(", ") || "—" })}</p>}
      <FilterBar path={base}>
        <FilterInput label={t("filters.sku")} name="sku" defaultValue={filters.sku ?? ""} maxLength={64} className="w-36" />
        <FilterInput label={t("filters.storeId")} name="storeId" defaultValue={filters.storeId ?? ""} maxLength={64} className="w-28" />
        <FilterInput label={t("filters.buyerId")} name="buyerId" defaultValue={filters.buyerId ?? ""} maxLength={64} className="w-32" />
        <FilterInput label={t("filters.scene")} name="scene" defaultValue={filters.scene ?? ""} maxLength={32} className="w-24" />
        <FilterSelect
          label={t("filters.type")}
          name="type"
          defaultValue={filters.type ?? ""}
          options={[{ value: "", label: t("filters.allTypes") }, ...ORDER_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))]}
        />
        <FilterSelect
          label={t("filters.status")}
          name="status"
          defaultValue={filters.status ?? ""}
          options={[{ value: "", label: t("filters.allStatuses") }, ...ORDER_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))]}
        />
        <FilterInput label={t("filters.from")} type="date" name="from" defaultValue={dateOnly(filters.from) ?? ""} />
        <FilterInput label={t("filters.to")} type="date" name="to" defaultValue={dateOnly(filters.to) ?? ""} />
      </FilterBar>
      {!parsed.success && <p className="text-sm text-warning-foreground">{t("filters.invalid")}</p>}
      <SavedViews mchNo={mchNo} base={base} filters={viewFilters} />
      {page.may.export && (
        <ExportPanel
          mchNo={mchNo}
          request={{
            source: "orderCenter",
            filters: { ...viewFilters, from: dateOnly(filters.from), to: dateOnly(filters.to) },
          }}
        />
      )}

      <div className="flex justify-end">
        <ColumnChooser
          scope="orderCenter"
          columns={[
            { id: "buyer", label: t("list.buyer") },
            { id: "store", label: t("list.store") },
            { id: "items", label: t("list.items") },
            { id: "amount", label: t("list.amount") },
            { id: "status", label: t("list.status") },
            { id: "placedAt", label: t("list.placedAt") },
          ]}
        />
      </div>
      <div className="rounded-lg border bg-card" data-columns="orderCenter">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("list.orderNo")}</TableHead>
              <TableHead data-col="buyer">{t("list.buyer")}</TableHead>
              <TableHead data-col="store">{t("list.store")}</TableHead>
              <TableHead data-col="items">{t("list.items")}</TableHead>
              <TableHead data-col="amount" className="text-right">{t("list.amount")}</TableHead>
              <TableHead data-col="status">{t("list.status")}</TableHead>
              <TableHead data-col="placedAt">{t("list.placedAt")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={7} className="py-10 text-center text-muted-foreground">
                  {t("list.empty")}
                </TableCell>
              </TableRow>
            )}
            {page.rows.map((order) => (
              <TableRow key={order.orderNo} data-testid="order-center-row">
                <TableCell>
                  <CopyableId value={order.orderNo} maxWidth="max-w-36">
                    <Link href={`${base}/${order.orderNo}`} className="text-primary hover:underline">
                      {order.orderNo}
                    </Link>
                  </CopyableId>
                  <div className="max-w-44 truncate font-mono text-[11px] text-muted-foreground">{order.sourceOrderNo}</div>
                </TableCell>
                <TableCell data-col="buyer" className="text-xs">
                  <div className="max-w-32 truncate">{order.buyer.name ?? order.buyer.id}</div>
                  <div className="max-w-32 truncate font-mono text-muted-foreground">{order.buyer.id}</div>
                </TableCell>
                <TableCell data-col="store" className="text-xs">
                  <div className="font-mono">{order.storeId ?? "—"}</div>
                  <div className="max-w-32 truncate text-muted-foreground">
                    {order.scene} · {t(`type.${order.type}`)} · {order.appName}
                  </div>
                </TableCell>
                <TableCell data-col="items" className="max-w-48 text-xs">
                  <div className="truncate">{order.lines[0]?.name ?? "—"}</div>
                  <div className="truncate font-mono text-muted-foreground">
                    {order.lines[0]?.sku}
                    {order.lines.length > 1 && ` ${t("list.more", { count: order.lines.length - 1 })}`}
                  </div>
                </TableCell>
                <TableCell data-col="amount" className="text-right tabular-nums">{formatMoney(order.payableAmount, order.currency, locale)}</TableCell>
                <TableCell data-col="status">
                  <div className="flex flex-wrap gap-1">
                    <OrderStatusBadge status={order.status} />
                    {"overdueAt" in order && order.overdueAt && <OverdueBadge />}
                  </div>
                </TableCell>
                <TableCell data-col="placedAt" className="text-xs text-muted-foreground tabular-nums">{format.dateTime(order.placedAt, { dateStyle: "short", timeStyle: "short" })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <KeysetPager path={base} params={raw} cursor={filters.cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
