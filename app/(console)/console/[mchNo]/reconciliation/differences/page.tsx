import { getTranslations } from "next-intl/server";
import { flatParams } from "@/components/console/query-params";
import { KeysetPager } from "@/components/console/keyset-pager";
import { ExportPanel } from "@/components/exports/export-panel";
import { DifferencesTable } from "@/components/reconciliation/differences-table";
import { ReconTabs } from "@/components/reconciliation/recon-tabs";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { DIFFERENCE_TYPES, differenceFiltersSchema } from "@/server/domain/reconciliation-schema";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/reconciliation/differences – the discrepancy queue (差错队列): filters, bulk assign / resolve, export
export default async function ReconDifferencesPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const parsed = differenceFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : differenceFiltersSchema.parse({});
  const path = `/console/${mchNo}/reconciliation/differences`;
  const caller = await serverCaller();
  const options = await orInterrupt(caller.reconciliation.options({ mchNo }), path);
  const page = await orInterrupt(caller.reconciliation.differences({ mchNo, ...filters }), path);
  const t = await getTranslations("reconciliation");
  const exportStatus = filters.status === "UNSETTLED" || !filters.status ? "UNSETTLED" : filters.status;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("queue.title")} description={t("queue.description")} />
      <ReconTabs mchNo={mchNo} current="differences" />
      <ExportPanel
        mchNo={mchNo}
        request={{ source: "reconDifferences", filters: { type: filters.type, status: exportStatus, from: filters.from, to: filters.to, channelAccountId: filters.channelAccountId } }}
      />
      <FilterBar path={path}>
        {filters.runId && <input type="hidden" name="runId" value={filters.runId} />}
        <FilterInput label={t("queue.search")} className="min-w-56 flex-1" name="q" defaultValue={filters.q ?? ""} maxLength={64} />
        <FilterSelect
          label={t("queue.type")}
          name="type"
          defaultValue={filters.type ?? ""}
          options={[{ value: "", label: t("queue.allTypes") }, ...DIFFERENCE_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))]}
        />
        <FilterSelect
          label={t("queue.status")}
          name="status"
          defaultValue={filters.status ?? ""}
          options={[
            { value: "", label: t("queue.unsettled") },
            { value: "OPEN", label: t("differenceStatus.OPEN") },
            { value: "EXPECTED", label: t("differenceStatus.EXPECTED") },
            { value: "RESOLVED", label: t("differenceStatus.RESOLVED") },
            { value: "ALL", label: t("queue.allStatuses") },
          ]}
        />
        <FilterSelect
          label={t("queue.assignee")}
          name="assignee"
          defaultValue={filters.assignee ?? ""}
          options={[
            { value: "", label: t("queue.anyone") },
            { value: "me", label: t("queue.me") },
            { value: "none", label: t("queue.unassigned") },
            ...options.assignees.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <FilterSelect
          label={t("account")}
          name="channelAccountId"
          defaultValue={filters.channelAccountId ?? ""}
          options={[{ value: "", label: t("allAccounts") }, ...options.channelAccounts.map((a) => ({ value: a.id, label: `${a.name} · ${a.app.name}` }))]}
        />
        <FilterInput label={t("queue.from")} type="date" name="from" defaultValue={filters.from ?? ""} />
        <FilterInput label={t("queue.to")} type="date" name="to" defaultValue={filters.to ?? ""} />
      </FilterBar>
      <p className="text-sm text-muted-foreground" data-testid="differences-total">
        {t("queue.total", { count: page.total })}
      </p>
      <DifferencesTable mchNo={mchNo} rows={page.rows} assignees={options.assignees} canManage={options.mayManage} />
      <KeysetPager path={path} params={raw} cursor={filters.cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
