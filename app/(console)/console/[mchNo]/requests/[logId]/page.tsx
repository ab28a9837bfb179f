import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RequestLogDetail } from "@/components/request-logs/request-log-detail";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/requests/[logId] – one logged Open API request: redacted bodies and the matching webhook deliveries
export default async function RequestLogPage({ params }: { params: Promise<{ mchNo: string; logId: string }> }) {
  const { mchNo, logId } = await params;
  const caller = await serverCaller();
  const detail = await orInterrupt(caller.requestLogs.get({ mchNo, id: logId.slice(0, 20) }), `/console/${mchNo}/requests/${logId}`);
  const t = await getTranslations("developerTools.requestLog");
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <Link href={`/console/${mchNo}/requests?appId=${encodeURIComponent(detail.log.appId)}`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeftIcon className="size-4" />
        {t("back")}
      </Link>
      <PageHeader title={<span className="font-mono text-xl">{t("title", { method: detail.log.method, path: detail.log.path })}</span>} />
      <RequestLogDetail mchNo={mchNo} initial={detail} />
    </div>
  );
}
