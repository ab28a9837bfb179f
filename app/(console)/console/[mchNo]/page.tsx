import { getTranslations } from "next-intl/server";
import { LatestActivity } from "@/components/console/latest-activity";
import { NeedsAttention } from "@/components/console/needs-attention";
import { TodayStats } from "@/components/console/today-stats";
import { TrendChart } from "@/components/console/trend-chart";
import { StatusBadge } from "@/components/shell/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { redirect } from "next/navigation";
import { landingHref } from "@/components/shell/landing";
import { orInterrupt, requireUser } from "@/server/auth/guards";
import { can } from "@/server/domain/permissions";
import { listMemberships } from "@/server/services/merchants/list-memberships";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo] – overview, the merchant's home: what needs attention, today against yesterday, the 7-day trend,
// the latest payments and refunds, its apps
export default async function OverviewPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const user = await requireUser(`/console/${mchNo}`);
  // a role without the overview lands on the first page it may open: a dealer (经销商) on the order center, a store cashier on the POS
  const role = (await listMemberships(user.id)).find((m) => m.merchant.mchNo === mchNo)?.role;
  if (role && !can(role, "merchant.read")) redirect(`/console/${mchNo}${landingHref(role)}`);
  const caller = await serverCaller();
  const [overview, home] = await Promise.all([
    orInterrupt(caller.merchant.overview({ mchNo }), `/console/${mchNo}`),
    orInterrupt(caller.merchant.home({ mchNo }), `/console/${mchNo}`),
  ]);
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{t("overview.welcome", { name: user.name })}</h1>
          <p className="text-sm text-muted-foreground">
            {overview.merchant.name} · {t("overview.mchNo")} {overview.merchant.mchNo}
          </p>
        </div>
        <StatusBadge kind="merchantStatus" status={overview.merchant.status} testId="merchant-status" />
      </div>
      <NeedsAttention mchNo={mchNo} items={home.attention} />
      <TodayStats mchNo={mchNo} initial={home} />
      <TrendChart trend={home.trend} currency={home.currency} />
      <LatestActivity mchNo={mchNo} latest={home.latest} />
      <Card>
        <CardHeader>
          <CardTitle>{t("overview.apps")}</CardTitle>
        </CardHeader>
        <CardContent>
          {overview.apps.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("overview.noApps")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("apps.name")}</TableHead>
                  <TableHead>{t("overview.appId")}</TableHead>
                  <TableHead>{t("overview.mode")}</TableHead>
                  <TableHead className="text-right">{t("overview.channelAccounts")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.apps.map((app) => (
                  <TableRow key={app.id}>
                    <TableCell className="font-medium">{app.name}</TableCell>
                    <TableCell className="font-mono text-xs">{app.id}</TableCell>
                    <TableCell>
                      <Badge variant={app.mode === "LIVE" ? "default" : "secondary"}>{t(`appMode.${app.mode}`)}</Badge>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{app.channelAccountCount}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
