import { getTranslations } from "next-intl/server";
import { PageTabs } from "@/components/shell/page-tabs";

/** The profit-sharing pages' two tabs: receivers, rules (the app chosen stays). */
export async function ProfitSharingTabs({ mchNo, current, appId }: { mchNo: string; current: "receivers" | "rules"; appId?: string }) {
  const t = await getTranslations("profitSharing");
  const query = appId ? `?appId=${encodeURIComponent(appId)}` : "";
  const tabs = [
    { key: "receivers", href: `/console/${mchNo}/profit-sharing${query}`, label: t("tabReceivers") },
    { key: "rules", href: `/console/${mchNo}/profit-sharing/rules${query}`, label: t("tabRules") },
  ];
  return <PageTabs tabs={tabs} current={current} label={t("title")} />;
}
