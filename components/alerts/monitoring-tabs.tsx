import { useTranslations } from "next-intl";
import { PageTabs } from "@/components/shell/page-tabs";

export type MonitoringTab = "overview" | "incidents" | "rules" | "targets";

/** The four pages of monitoring, for a merchant (base /console/M…/monitoring) or operators (/admin/monitoring). */
export function MonitoringTabs({ base, current }: { base: string; current: MonitoringTab }) {
  const t = useTranslations("monitoring.tabs");
  const tabs = (["overview", "incidents", "rules", "targets"] as const).map((key) => ({ key, href: key === "overview" ? base : `${base}/${key}`, label: t(key) }));
  return <PageTabs tabs={tabs} current={current} label={t("label")} />;
}
