import { getTranslations } from "next-intl/server";
import { flatParams } from "@/components/console/query-params";
import { appChoices } from "@/components/profit-sharing/app-choices";
import { ProfitSharingTabs } from "@/components/profit-sharing/ps-tabs";
import { RuleDialog } from "@/components/profit-sharing/rule-dialog";
import { RulesTable } from "@/components/profit-sharing/rules-table";
import { FilterBar, FilterSelect } from "@/components/shell/filter-bar";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { maskAccount } from "@/server/domain/profit-sharing-form";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/profit-sharing/rules – an app's profit-sharing rules: receiver, ratio or fixed amount, which orders, enabled
export default async function ProfitSharingRulesPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const path = `/console/${mchNo}/profit-sharing/rules`;
  const caller = await serverCaller();
  const options = await orInterrupt(caller.profitSharing.options({ mchNo }), path);
  const t = await getTranslations("profitSharing");
  const apps = appChoices(options);
  const appId = apps.find((a) => a.id === raw.appId)?.id ?? apps.find((a) => a.accounts.length > 0)?.id ?? apps[0]?.id;
  const [rules, receivers] = appId
    ? await Promise.all([caller.profitSharing.rules({ mchNo, appId }), caller.profitSharing.receivers({ mchNo, appId, includeRemoved: true })])
    : [[], []];
  const label = (r: (typeof receivers)[number]) => `${r.name ?? maskAccount(r.account)} · ${maskAccount(r.account)}`;
  // a rule names any receiver it was made for; a new rule may choose only the active, bound ones
  const allReceivers = receivers.map((r) => ({ id: r.id, label: label(r) }));
  const choosable = receivers.filter((r) => r.status === "ACTIVE" && r.bindState === "BOUND").map((r) => ({ id: r.id, label: label(r) }));

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={options.mayManage && appId && <RuleDialog key={appId} mchNo={mchNo} appId={appId} receivers={choosable} />}
      />
      <ProfitSharingTabs mchNo={mchNo} current="rules" appId={appId} />
      {apps.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("noApps")}</p>
      ) : (
        <>
          <FilterBar path={path}>
            <FilterSelect label={t("app")} name="appId" defaultValue={appId} options={apps.map((a) => ({ value: a.id, label: a.name }))} />
          </FilterBar>
          {options.mayManage && choosable.length === 0 && <p className="text-sm text-muted-foreground">{t("rules.noReceivers")}</p>}
          <section className="flex flex-col gap-2">
            <h2 className="font-medium">{t("rules.title")}</h2>
            <div className="overflow-x-auto rounded-lg border bg-card">
              {appId && <RulesTable mchNo={mchNo} appId={appId} rules={rules} receivers={allReceivers} choosable={choosable} mayManage={options.mayManage} />}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
