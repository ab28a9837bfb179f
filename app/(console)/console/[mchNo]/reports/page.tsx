import { getTranslations } from "next-intl/server";
import { MerchantDashboard } from "@/components/reports/merchant-dashboard";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";
import { PageHeader } from "@/components/shell/page-header";

// /console/[mchNo]/reports – finance dashboards: GMV, success rate, channel mix, refunds, fees (OWNER, FINANCE)
export default async function ReportsPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  const options = await orInterrupt(caller.reports.options({ mchNo }), `/console/${mchNo}/reports`);
  const t = await getTranslations("reports");
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <MerchantDashboard mchNo={mchNo} apps={options.apps} />
    </div>
  );
}
