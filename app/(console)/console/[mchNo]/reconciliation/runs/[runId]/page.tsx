import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReconTabs } from "@/components/reconciliation/recon-tabs";
import { RunProgress } from "@/components/reconciliation/run-progress";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/reconciliation/runs/[runId] – one run: progress while it runs (polled), then its figures
export default async function ReconRunPage({ params }: { params: Promise<{ mchNo: string; runId: string }> }) {
  const { mchNo, runId } = await params;
  const path = `/console/${mchNo}/reconciliation/runs/${runId}`;
  const caller = await serverCaller();
  const detail = await orInterrupt(caller.reconciliation.run({ mchNo, runId }), path);
  const t = await getTranslations("reconciliation");
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader
        title={t("run.title", { date: detail.run.billDate, account: detail.run.channelAccountName })}
        description={detail.account ? `${detail.account.app.name}` : undefined}
        actions={
          <Link href={`/console/${mchNo}/reconciliation?month=${detail.run.billDate.slice(0, 7)}`} className="text-sm text-primary hover:underline">
            ← {t("run.back")}
          </Link>
        }
      />
      <ReconTabs mchNo={mchNo} current="home" />
      <RunProgress mchNo={mchNo} initial={detail} />
    </div>
  );
}
