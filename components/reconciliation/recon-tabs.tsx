import { getTranslations } from "next-intl/server";
import { PageTabs } from "@/components/shell/page-tabs";

/** The reconciliation pages' two tabs: the calendar with its runs, the discrepancy queue. */
export async function ReconTabs({ mchNo, current }: { mchNo: string; current: "home" | "differences" }) {
  const t = await getTranslations("reconciliation");
  const tabs = [
    { key: "home", href: `/console/${mchNo}/reconciliation`, label: t("tabHome") },
    { key: "differences", href: `/console/${mchNo}/reconciliation/differences`, label: t("tabDifferences") },
  ];
  return <PageTabs tabs={tabs} current={current} label={t("title")} />;
}
