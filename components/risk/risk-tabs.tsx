import { getTranslations } from "next-intl/server";
import { PageTabs } from "@/components/shell/page-tabs";

export type RiskTab = "rules" | "lists" | "reviews" | "decisions";

/** The console's risk pages as tabs: rules (with the what-if), blacklists, the review queue, the decisions log. */
export async function RiskTabs({ mchNo, current }: { mchNo: string; current: RiskTab }) {
  const t = await getTranslations();
  const base = `/console/${mchNo}/risk`;
  const tabs = [
    { key: "rules", href: base, label: t("risk.tabs.rules") },
    { key: "lists", href: `${base}/lists`, label: t("risk.tabs.lists") },
    { key: "reviews", href: `${base}/reviews`, label: t("risk.tabs.reviews") },
    { key: "decisions", href: `${base}/decisions`, label: t("risk.tabs.decisions") },
  ];
  return <PageTabs tabs={tabs} current={current} label={t("risk.title")} />;
}
