import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { dateOnly, flatParams, withParams } from "@/components/console/query-params";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { KeysetPager } from "@/components/console/keyset-pager";
import { PageHeader } from "@/components/shell/page-header";
import { ExportPanel } from "@/components/exports/export-panel";
import { RefundActions } from "@/components/console/refund-actions";
import { LiveRefresh } from "@/components/live/live-refresh";
import { refundPhase } from "@/components/live/phases";
import { StatusBadge } from "@/components/shell/status-badge";
import { cn } from "@/components/ui/cn";
import { ColumnChooser } from "@/components/ui/column-chooser";
import { CopyableId } from "@/components/ui/copyable-id";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt } from "@/server/auth/guards";
import { refundFiltersSchema } from "@/server/domain/console-query-schema";
import { formatMoney } from "@/server/domain/money";
import { serverCaller } from "@/server/trpc/server";
import { channelMessage } from "@/server/i18n/channel-message";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/refunds – refunds with the review queue (待审核) and failed ones to retry
export default async function RefundsPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const parsed = refundFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : refundFiltersSchema.parse({});
  const path = `/console/${mchNo}/refunds`;
  const caller = await serverCaller();
  const page = await orInterrupt(caller.refunds.list({ mchNo, ...filters }), path);
  const { mayReview } = page;
  const [t, tf, tMessage, locale, format] = await Promise.all([getTranslations("refunds"), getTranslations("filters"), getTranslations("channelMessages"), getLocale(), getFormatter()]);
  const current = { ...raw, cursor: undefined };
  const tabs = [
    { key: "all", status: undefined, label: t("tabAll") },
    { key: "review", status: "PENDING_REVIEW", label: t("tabReview", { count: page.pendingReview }) },
    { key: "failed", status: "FAILED", label: t("tabFailed") },
  ];

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <LiveRefresh watch={page.rows.map((r) => ({ kind: "refund", key: r.refundNo, phase: refundPhase(r.status) }))} />
      {page.mayExport && (
        <ExportPanel
          mchNo={mchNo}
          request={{ source: "refunds", filters: { from: dateOnly(filters.from), to: dateOnly(filters.to), appId: filters.appId, status: filters.status, search: filters.q } }}
        />
      )}
      <nav className="flex gap-1 border-b" aria-label={t("status")}>
        {tabs.map((tab) => (
          <Link
            key={tab.key}
            href={`${path}${withParams(current, { status: tab.status })}`}
            aria-current={filters.status === tab.status ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm",
              filters.status === tab.status ? "border-primary font-medium text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      <FilterBar path={path}>
        {filters.status && <input type="hidden" name="status" value={filters.status} />}
        <FilterInput label={tf("searchRefunds")} className="min-w-64 flex-1" name="q" defaultValue={filters.q ?? ""} maxLength={64} />
        <FilterSelect
          label={tf("app")}
          name="appId"
          defaultValue={filters.appId ?? ""}
          options={[{ value: "", label: tf("allApps") }, ...page.apps.map((a) => ({ value: a.id, label: a.name }))]}
        />
        <FilterInput label={tf("from")} type="date" name="from" defaultValue={filters.from ?? ""} />
        <FilterInput label={tf("to")} type="date" name="to" defaultValue={filters.to ?? ""} />
      </FilterBar>

      <div className="flex justify-end">
        <ColumnChooser
          scope="refunds"
          columns={[
            { id: "payOrderNo", label: t("payOrderNo") },
            { id: "amount", label: t("amount") },
            { id: "status", label: t("status") },
            { id: "reason", label: t("reason") },
            { id: "createdAt", label: t("createdAt") },
          ]}
        />
      </div>
      <div className="rounded-lg border bg-card" data-columns="refunds">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("refundNo")}</TableHead>
              <TableHead data-col="payOrderNo">{t("payOrderNo")}</TableHead>
              <TableHead data-col="amount" className="text-right">{t("amount")}</TableHead>
              <TableHead data-col="status">{t("status")}</TableHead>
              <TableHead data-col="reason">{t("reason")}</TableHead>
              <TableHead data-col="createdAt">{t("createdAt")}</TableHead>
              {mayReview && <TableHead>{t("actions")}</TableHead>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={7} className="py-10 text-center text-muted-foreground">
                  {t("empty")}
                </TableCell>
              </TableRow>
            )}
            {page.rows.map((r) => (
              <TableRow key={r.refundNo} data-testid="refund-row" data-refund-no={r.refundNo}>
                <TableCell className="font-mono text-xs">
                  <CopyableId value={r.refundNo} maxWidth="max-w-36" />
                  <div className="max-w-40 truncate text-muted-foreground" title={r.mchRefundNo ?? undefined}>{r.kind === "DUPLICATE_PAYMENT" ? t("kindDuplicate") : r.mchRefundNo}</div>
                </TableCell>
                <TableCell data-col="payOrderNo" className="text-xs">
                  <CopyableId value={r.payOrderNo} maxWidth="max-w-36">
                    <Link href={`/console/${mchNo}/pay-orders/${r.payOrderNo}`} className="text-primary hover:underline">
                      {r.payOrderNo}
                    </Link>
                  </CopyableId>
                  <div className="max-w-40 truncate text-muted-foreground" title={r.appName}>{r.appName}</div>
                </TableCell>
                <TableCell data-col="amount" className="text-right tabular-nums">{formatMoney(r.amount, r.currency, locale)}</TableCell>
                <TableCell data-col="status" className="text-xs">
                  <div className="flex flex-col gap-1">
                    <StatusBadge kind="refundStatus" status={r.status} />
                    {r.failureMessage && <span className="max-w-44 whitespace-normal text-destructive" title={r.failureMessage}>{channelMessage(tMessage, r.failureMessage, r.failureCode)}</span>}
                  </div>
                </TableCell>
                <TableCell data-col="reason" className="max-w-40 truncate text-xs" title={r.reason ?? undefined}>{r.reason ?? "—"}</TableCell>
                <TableCell data-col="createdAt" className="text-xs text-muted-foreground tabular-nums">{format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "short" })}</TableCell>
                {mayReview && (
                  <TableCell>
                    <RefundActions mchNo={mchNo} refundNo={r.refundNo} status={r.status} amountLabel={formatMoney(r.amount, r.currency, locale)} />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <KeysetPager path={path} params={raw} cursor={filters.cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
