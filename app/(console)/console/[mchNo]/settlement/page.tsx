import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { flatParams, withParams } from "@/components/console/query-params";
import { CutNowButton } from "@/components/settlement/cut-now-button";
import { SettingsDialog } from "@/components/settlement/settings-dialog";
import { StatementsTable } from "@/components/settlement/statements-table";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { localDateSchema } from "@/server/domain/report-range";
import { SETTLEMENT_STATUSES } from "@/server/domain/settlement";
import { statementNoSchema } from "@/server/domain/settlement-schema";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/settlement – the merchant's statements (newest period first), filtered by status and period; cut now; the settlement settings
export default async function SettlementPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const path = `/console/${mchNo}/settlement`;
  const status = SETTLEMENT_STATUSES.find((s) => s === raw.status);
  let from = localDateSchema.safeParse(raw.from).data;
  let to = localDateSchema.safeParse(raw.to).data;
  if (from && to && from > to) [from, to] = [to, from];
  const cursor = statementNoSchema.safeParse(raw.cursor).data;
  const caller = await serverCaller();
  const list = await orInterrupt(caller.settlement.list({ mchNo, status, from, to, cursor, limit: 50 }), path);
  const [setting, t] = await Promise.all([caller.settlement.settings({ mchNo }), getTranslations("settlement")]);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm text-muted-foreground" data-testid="settlement-cycle">
              {t(`cycles.${setting.cycle}`)} · {t(`scopes.${setting.scope}`)}
            </span>
            <SettingsDialog mchNo={mchNo} current={{ cycle: setting.cycle, scope: setting.scope, source: setting.source }} canEdit={setting.mayManage} />
            {list.mayManage && <CutNowButton mchNo={mchNo} />}
          </div>
        }
      />
      <FilterBar path={path}>
        <FilterSelect
          label={t("filters.status")}
          name="status"
          defaultValue={status ?? ""}
          options={[{ value: "", label: t("filters.allStatuses") }, ...SETTLEMENT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))]}
        />
        <FilterInput type="date" label={t("filters.from")} name="from" defaultValue={from ?? ""} />
        <FilterInput type="date" label={t("filters.to")} name="to" defaultValue={to ?? ""} />
      </FilterBar>
      <div className="overflow-x-auto rounded-lg border bg-card">
        <StatementsTable mchNo={mchNo} statements={list.items} />
      </div>
      {list.nextCursor && (
        <Link href={`${path}${withParams(raw, { cursor: list.nextCursor })}`} className="self-center text-sm text-primary hover:underline" data-testid="statements-more">
          {t("list.more")}
        </Link>
      )}
    </div>
  );
}
