"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Skeleton } from "@/components/ui/skeleton";
import { presetRange, type ReportRange } from "@/server/domain/report-range";
import { DashboardCharts } from "./dashboard-charts";
import { ReportControls } from "./report-controls";

/** The merchant's finance dashboard: all apps or one, over the chosen range. */
export function MerchantDashboard({ mchNo, apps }: { mchNo: string; apps: { id: string; name: string }[] }) {
  const t = useTranslations("reports");
  const trpc = useTRPC();
  const [range, setRange] = useState<ReportRange>(() => presetRange("30d"));
  const [appId, setAppId] = useState("");
  const dashboard = useQuery({ ...trpc.reports.dashboard.queryOptions({ mchNo, range, appId: appId || undefined }), placeholderData: keepPreviousData });
  return (
    <div className="flex flex-col gap-4">
      <ReportControls
        range={range}
        onRange={setRange}
        scope={appId}
        onScope={setAppId}
        scopeLabel={t("app")}
        scopeAllLabel={t("allApps")}
        scopeOptions={apps.map((app) => ({ value: app.id, label: app.name }))}
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
