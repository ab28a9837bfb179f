import { getTranslations } from "next-intl/server";
import { flatParams } from "@/components/console/query-params";
import { DayCalendar } from "@/components/reconciliation/day-calendar";
import { ReconTabs } from "@/components/reconciliation/recon-tabs";
import { RunsTable } from "@/components/reconciliation/runs-table";
import { ScheduleForm } from "@/components/reconciliation/schedule-form";
import { StartRunDialog } from "@/components/reconciliation/start-run-dialog";
import { FilterBar, FilterSelect } from "@/components/shell/filter-bar";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { defaultBillDate } from "@/server/domain/reconciliation";
import { monthSchema, type RunFilters, runFiltersSchema } from "@/server/domain/reconciliation-schema";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/reconciliation – the month's calendar of closed and open days, the runs with their figures, a run on demand, the daily schedule
export default async function ReconciliationPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const path = `/console/${mchNo}/reconciliation`;
  const yesterday = defaultBillDate();
  const month = monthSchema.safeParse(raw.month).data ?? (raw.from && /^\d{4}-\d{2}/.test(raw.from) ? raw.from.slice(0, 7) : yesterday.slice(0, 7));
  const parsed = runFiltersSchema.safeParse(raw);
  const filters: RunFilters = parsed.success ? parsed.data : { from: undefined, to: undefined, channelAccountId: undefined };
  const channelAccountId = filters.channelAccountId;
  const monthEnd = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const range = { from: filters.from ?? `${month}-01`, to: filters.to ?? monthEnd };
  const caller = await serverCaller();
  const options = await orInterrupt(caller.reconciliation.options({ mchNo }), path);
  const [days, runs, schedules, t] = await Promise.all([
    caller.reconciliation.calendar({ mchNo, month, channelAccountId }),
    caller.reconciliation.runs({ mchNo, ...range, channelAccountId }),
    caller.reconciliation.schedules({ mchNo }),
    getTranslations("reconciliation"),
  ]);
  const selected = filters.from && filters.from === filters.to ? filters.from : undefined;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={options.mayManage && <StartRunDialog mchNo={mchNo} accounts={options.channelAccounts} defaultDate={yesterday} />}
      />
      <ReconTabs mchNo={mchNo} current="home" />
      <FilterBar path={path}>
        <input type="hidden" name="month" value={month} />
        <FilterSelect
          label={t("account")}
          name="channelAccountId"
          defaultValue={channelAccountId ?? ""}
          options={[{ value: "", label: t("allAccounts") }, ...options.channelAccounts.map((a) => ({ value: a.id, label: `${a.name} · ${a.app.name}` }))]}
        />
      </FilterBar>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <DayCalendar path={path} params={{ ...raw, month }} month={month} days={days} selected={selected} />
        <ScheduleForm mchNo={mchNo} accounts={schedules} canEdit={options.mayManage} />
      </div>
      <section className="flex flex-col gap-2">
        <h2 className="font-medium">
          {t("runs.title")} <span className="text-sm font-normal text-muted-foreground">{t("runs.range", { from: runs.from, to: runs.to })}</span>
        </h2>
        <div className="overflow-x-auto rounded-lg border bg-card">
          <RunsTable mchNo={mchNo} runs={runs.runs} />
        </div>
      </section>
    </div>
  );
}
