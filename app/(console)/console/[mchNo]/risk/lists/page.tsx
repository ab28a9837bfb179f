import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RiskListsPanel } from "@/components/risk/lists-panel";
import { RiskTabs } from "@/components/risk/risk-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/risk/lists – the merchant's blacklists (buyer, phone, IP, openid, device, address keywords) with expiry
export default async function RiskListsPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: Promise<{ expired?: string }> }) {
  const { mchNo } = await params;
  const { expired } = await searchParams;
  const path = `/console/${mchNo}/risk/lists`;
  const caller = await serverCaller();
  const [may, entries] = await Promise.all([orInterrupt(caller.risk.may({ mchNo }), path), orInterrupt(caller.risk.lists({ mchNo, includeExpired: expired === "1" }), path)]);
  const t = await getTranslations("risk");
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <RiskTabs mchNo={mchNo} current="lists" />
      <RiskListsPanel mchNo={mchNo} entries={entries} canManage={may.manage} />
      <Link href={expired === "1" ? path : `${path}?expired=1`} className="w-fit text-sm text-muted-foreground hover:underline">
        {expired === "1" ? t("lists.hideExpired") : t("lists.showExpired")}
      </Link>
    </div>
  );
}
