import { getTranslations } from "next-intl/server";
import { LedgerView } from "@/components/ledger/ledger-view";
import { orInterrupt } from "@/server/auth/guards";
import { presetRange } from "@/server/domain/report-range";
import { serverCaller } from "@/server/trpc/server";
import { PageHeader } from "@/components/shell/page-header";

// /console/[mchNo]/ledger – the ledger (流水): every money movement, filtered, paged, exported (OWNER, FINANCE)
export default async function LedgerPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  const options = await orInterrupt(caller.ledger.options({ mchNo }), `/console/${mchNo}/ledger`);
  const t = await getTranslations("ledger");
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <LedgerView mchNo={mchNo} options={options} initialFilters={presetRange("30d")} />
    </div>
  );
}
