import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateAppDialog } from "@/components/apps/create-app-dialog";
import { NotPayableAlert } from "@/components/apps/not-payable-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";
import { PageHeader } from "@/components/shell/page-header";
import { knownMessage } from "@/server/i18n/known-message";

// /console/[mchNo]/apps – apps and their channel accounts (OWNER and DEVELOPER only)
export default async function AppsPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  const apps = await orInterrupt(caller.merchant.apps({ mchNo }), `/console/${mchNo}/apps`);
  const { merchant } = await orInterrupt(caller.merchant.overview({ mchNo }), `/console/${mchNo}/apps`);
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeader title={t("apps.title")} description={t("apps.description")} />
        <CreateAppDialog mchNo={mchNo} liveAllowed={merchant.status === "ACTIVE"} />
      </div>
      {apps.length === 0 && <p className="text-sm text-muted-foreground">{t("apps.empty")}</p>}
      {apps.map((app) => (
        <Card key={app.id} data-testid="app-card">
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              {app.name}
              <Badge variant={app.mode === "LIVE" ? "default" : "secondary"}>{t(`appMode.${app.mode}`)}</Badge>
              <Badge variant={app.status === "ACTIVE" ? "success" : "outline"}>{t(`appStatus.${app.status}`)}</Badge>
            </CardTitle>
            <CardDescription className="font-mono">{app.id}</CardDescription>
            <CardAction>
              <Button variant="outline" size="sm" asChild>
                <Link href={`/console/${mchNo}/apps/${app.id}`} data-testid="open-app">
                  {t("apps.open")}
                </Link>
              </Button>
            </CardAction>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {!app.payable && <NotPayableAlert mchNo={mchNo} appId={app.id} />}
            {app.channelAccounts.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("channelAccounts.empty")}</p>
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("apps.channels")}</TableHead>
                    <TableHead>{t("apps.mode")}</TableHead>
                    <TableHead className="text-right">{t("apps.feeRate")}</TableHead>
                    <TableHead>{t("apps.status")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {app.channelAccounts.map((account) => (
                    <TableRow key={account.id}>
                      <TableCell>
                        <div className="font-medium">{account.name}</div>
                        <div className="text-xs text-muted-foreground">{knownMessage(t, `channel.${account.channel}`, account.channel)}</div>
                      </TableCell>
                      <TableCell className="text-xs">{account.modes.join(" · ")}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {format.number(account.feeRateBps / 10_000, { style: "percent", minimumFractionDigits: 2 })}
                      </TableCell>
                      <TableCell>
                        <Badge variant={account.status === "ENABLED" ? "success" : "outline"}>
                          {t(`appStatus.${account.status === "ENABLED" ? "ACTIVE" : "DISABLED"}`)}
                        </Badge>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
