import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { HealthPanel } from "./health-panel";
import { IncidentsTable } from "./incidents-table";
import { MonitoringTabs, type MonitoringTab } from "./monitoring-tabs";
import { RulesEditor } from "./rules-editor";
import { TargetsPanel } from "./targets-panel";

/**
 * One page of monitoring, for a merchant (mchNo) or operators (null): the header, the tabs, and the tab's body.
 * The caller has checked access; every body reads through the alerts (or adminAlerts) router and refreshes itself.
 */
export async function MonitoringPage({ mchNo, tab }: { mchNo: string | null; tab: MonitoringTab }) {
  const t = await getTranslations("monitoring");
  const base = mchNo !== null ? `/console/${mchNo}/monitoring` : "/admin/monitoring";
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6" data-testid={`monitoring-${tab}`}>
      <PageHeader title={mchNo !== null ? t("title") : t("adminTitle")} description={mchNo !== null ? t("description") : t("adminDescription")} />
      <MonitoringTabs base={base} current={tab} />
      {tab === "overview" && (
        <>
          <Card>
            <CardHeader>
              <CardTitle as="h2" className="text-base">
                {t("open.title")}
              </CardTitle>
            </CardHeader>
            <CardContent>
              <IncidentsTable mchNo={mchNo} mode="open" historyHref={`${base}/incidents`} />
            </CardContent>
          </Card>
          <HealthPanel mchNo={mchNo} />
        </>
      )}
      {tab === "incidents" && (
        <Card>
          <CardHeader>
            <CardTitle as="h2" className="text-base">
              {t("incidents.title")}
            </CardTitle>
            <CardDescription>{t("incidents.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <IncidentsTable mchNo={mchNo} mode="history" />
          </CardContent>
        </Card>
      )}
      {tab === "rules" && (
        <>
          <p className="text-sm text-muted-foreground">{mchNo !== null ? t("rules.description") : t("rules.adminDescription")}</p>
          <RulesEditor mchNo={mchNo} />
        </>
      )}
      {tab === "targets" && (
        <>
          <p className="text-sm text-muted-foreground">{mchNo !== null ? t("targets.description") : `${t("targets.adminDescription")} ${t("targets.description")}`}</p>
          <TargetsPanel mchNo={mchNo} />
        </>
      )}
    </div>
  );
}
