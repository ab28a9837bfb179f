import { getTranslations } from "next-intl/server";
import { RiskDecisionsTable } from "@/components/risk/decisions-table";
import { RiskListsPanel } from "@/components/risk/lists-panel";
import { RiskReviewQueue } from "@/components/risk/review-queue";
import { RiskRulesPanel } from "@/components/risk/rules-panel";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { serverCaller } from "@/server/trpc/server";

// /admin/risk – operators: platform rules and blacklists (every merchant), held orders and recent decisions across merchants
export default async function AdminRiskPage() {
  const caller = await serverCaller();
  const [rules, entries, reviews, decisions] = await Promise.all([
    caller.adminRisk.rules(),
    caller.adminRisk.lists({}),
    caller.adminRisk.reviews({ status: "PENDING" }),
    caller.adminRisk.decisions({ limit: 30 }),
  ]);
  const t = await getTranslations("adminRisk");
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <RiskRulesPanel rules={rules} canManage />
      <RiskListsPanel entries={entries} canManage />
      <Card>
        <CardHeader>
          <CardTitle>{t("reviewsTitle")}</CardTitle>
          <CardDescription>{t("reviewsDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <RiskReviewQueue rows={reviews} mayReview={false} decided={false} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("decisionsTitle")}</CardTitle>
          <CardDescription>{t("decisionsDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <RiskDecisionsTable rows={decisions.rows} />
        </CardContent>
      </Card>
    </div>
  );
}
