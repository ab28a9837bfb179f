import { getTranslations } from "next-intl/server";
import { RiskRulesPanel } from "@/components/risk/rules-panel";
import { RiskTabs } from "@/components/risk/risk-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/risk – the merchant's risk rules: table, editor (a new rule is a draft), what-if on past orders, activate
export default async function RiskRulesPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const path = `/console/${mchNo}/risk`;
  const caller = await serverCaller();
  const [may, rules] = await Promise.all([orInterrupt(caller.risk.may({ mchNo }), path), orInterrupt(caller.risk.rules({ mchNo }), path)]);
  const t = await getTranslations("risk");
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <RiskTabs mchNo={mchNo} current="rules" />
      <RiskRulesPanel mchNo={mchNo} rules={rules} canManage={may.manage} />
    </div>
  );
}
