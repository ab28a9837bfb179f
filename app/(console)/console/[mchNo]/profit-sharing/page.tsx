import { getTranslations } from "next-intl/server";
import { flatParams } from "@/components/console/query-params";
import { AddReceiverDialog } from "@/components/profit-sharing/add-receiver-dialog";
import { appChoices } from "@/components/profit-sharing/app-choices";
import { ProfitSharingTabs } from "@/components/profit-sharing/ps-tabs";
import { ReceiversTable } from "@/components/profit-sharing/receivers-table";
import { FilterBar, FilterSelect } from "@/components/shell/filter-bar";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/profit-sharing – an app's profit-sharing receivers, their binding at the channel, add and remove
export default async function ProfitSharingReceiversPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const path = `/console/${mchNo}/profit-sharing`;
  const caller = await serverCaller();
  const options = await orInterrupt(caller.profitSharing.options({ mchNo }), path);
  const t = await getTranslations("profitSharing");
  const apps = appChoices(options);
  const appId = apps.find((a) => a.id === raw.appId)?.id ?? apps.find((a) => a.accounts.length > 0)?.id ?? apps[0]?.id;
  const receivers = appId ? await caller.profitSharing.receivers({ mchNo, appId }) : [];
  const accountNames = Object.fromEntries(options.channelAccounts.map((a) => [a.id, a.name]));
  const app = apps.find((a) => a.id === appId);

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={options.mayManage && appId && <AddReceiverDialog key={appId} mchNo={mchNo} apps={apps} defaultAppId={appId} />}
      />
      <ProfitSharingTabs mchNo={mchNo} current="receivers" appId={appId} />
      {apps.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("noApps")}</p>
      ) : (
        <>
          <FilterBar path={path}>
            <FilterSelect label={t("app")} name="appId" defaultValue={appId} options={apps.map((a) => ({ value: a.id, label: a.name }))} />
          </FilterBar>
          {app && app.accounts.length === 0 && <p className="text-sm text-muted-foreground">{t("noAccounts")}</p>}
          <section className="flex flex-col gap-2">
            <h2 className="font-medium">{t("receivers.title")}</h2>
            <div className="overflow-x-auto rounded-lg border bg-card">
              {appId && <ReceiversTable key={appId} mchNo={mchNo} appId={appId} initial={receivers} accountNames={accountNames} mayManage={options.mayManage} />}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
