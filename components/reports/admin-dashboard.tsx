"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Skeleton } from "@/components/ui/skeleton";
import { presetRange, type ReportRange } from "@/server/domain/report-range";
import { DashboardCharts } from "./dashboard-charts";
import { ReportControls } from "./report-controls";

/** The operators' dashboard: every merchant, or one. */
export function AdminDashboard({ merchants }: { merchants: { mchNo: string; name: string }[] }) {
  const t = useTranslations("reports");
  const trpc = useTRPC();
  const [range, setRange] = useState<ReportRange>(() => presetRange("30d"));
  const [mchNo, setMchNo] = useState("");
  const dashboard = useQuery({ ...trpc.admin.reports.queryOptions({ range, merchantMchNo: mchNo || undefined }), placeholderData: keepPreviousData });
  return (
    <div className="flex flex-col gap-4">
      <ReportControls
        range={range}
        onRange={setRange}
        scope={mchNo}
        onScope={setMchNo}
        scopeLabel={t("merchant")}
        scopeAllLabel={t("allMerchants")}
        scopeOptions={merchants.map((m) => ({ value: m.mchNo, label: `${m.name} (${m.mchNo})` }))}
      />
      {dashboard.data ? (
        <div className={dashboard.isPlaceholderData ? "opacity-60" : undefined} aria-busy={dashboard.isFetching}>
          <DashboardCharts data={dashboard.data} />
        </div>
      ) : (
        <Skeleton className="h-96 w-full" />
      )}
    </div>
  );
}
