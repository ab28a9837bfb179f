import { getTranslations } from "next-intl/server";
import { AdminDashboard } from "@/components/reports/admin-dashboard";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";
import { PageHeader } from "@/components/shell/page-header";

// /admin/reports – the finance dashboards across every merchant (operators)
export default async function AdminReportsPage() {
  const caller = await serverCaller();
  const merchants = await orInterrupt(caller.admin.merchants(), "/admin/reports");
  const t = await getTranslations("reports");
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("adminTitle")} description={t("adminDescription")} />
      <AdminDashboard merchants={merchants.map((m) => ({ mchNo: m.mchNo, name: m.name }))} />
    </div>
  );
}
