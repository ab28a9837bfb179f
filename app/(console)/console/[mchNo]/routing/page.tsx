import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ChannelHealthPanel } from "@/components/routing/channel-health-panel";
import { RouteDecision } from "@/components/routing/route-decision";
import { RouteRulesEditor } from "@/components/routing/route-rules-editor";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { orInterrupt } from "@/server/auth/guards";
import { formatMoney } from "@/server/domain/money";
import { serverCaller } from "@/server/trpc/server";
import { PageHeader } from "@/components/shell/page-header";

// /console/[mchNo]/routing – route rules per app, channel health, what-if, recent decisions (OWNER and DEVELOPER)
export default async function RoutingPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: Promise<{ app?: string }> }) {
  const { mchNo } = await params;
  const { app: appParam } = await searchParams;
  const path = `/console/${mchNo}/routing`;
  const caller = await serverCaller();
  const apps = await orInterrupt(caller.routing.apps({ mchNo }), path);
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const app = apps.find((a) => a.id === appParam) ?? apps[0];
  const loaded =
    app &&
    (await Promise.all([
      orInterrupt(caller.routing.rules({ mchNo, appId: app.id }), path),
      orInterrupt(caller.routing.health({ mchNo, appId: app.id }), path),
      orInterrupt(caller.routing.decisions({ mchNo, appId: app.id, limit: 10 }), path),
    ]));

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <PageHeader title={t("routing.title")} description={t("routing.description")} />
      {!app && <p className="text-sm text-muted-foreground">{t("routing.noApps")}</p>}
      {apps.length > 0 && (
        <nav className="flex flex-wrap items-center gap-2" aria-label={t("routing.app")} data-testid="routing-app-picker">
          <span className="text-sm text-muted-foreground">{t("routing.app")}</span>
          {apps.map((a) => (
            <Link
              key={a.id}
              href={`${path}?app=${encodeURIComponent(a.id)}`}
              aria-current={a.id === app?.id ? "page" : undefined}
              className={buttonVariants({ variant: a.id === app?.id ? "default" : "outline", size: "sm" })}
            >
              {a.name}
              <Badge variant="secondary">{t(`appMode.${a.mode}`)}</Badge>
            </Link>
          ))}
        </nav>
      )}
      {app && loaded && (
        <>
          <RouteRulesEditor
            key={`${app.id}:${loaded[0].version}`}
            mchNo={mchNo}
            appId={app.id}
            version={loaded[0].version}
            rules={loaded[0].rules}
            accounts={app.channelAccounts}
          />
          <Card>
            <CardHeader>
              <CardTitle>{t("routing.healthTitle")}</CardTitle>
              <CardDescription>{t("routing.healthDescription")}</CardDescription>
            </CardHeader>
            <CardContent>
              <ChannelHealthPanel health={loaded[1]} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("routing.decisionsTitle")}</CardTitle>
              <CardDescription>{t("routing.decisionsDescription")}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-2">
              {loaded[2].length === 0 && <p className="text-sm text-muted-foreground">{t("routing.noDecisions")}</p>}
              {loaded[2].map((d) => (
                <details key={d.attemptNo} className="rounded-md border p-3" data-testid="recent-decision">
                  <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 text-sm">
                    <span className="font-mono">{d.attemptNo}</span>
                    <span className="tabular-nums">{formatMoney(d.amount, d.currency, locale)}</span>
                    <span className="text-muted-foreground">{format.dateTime(d.createdAt, { dateStyle: "short", timeStyle: "medium" })}</span>
                    <span>{d.routeDecision.chosen?.name ?? "—"}</span>
                  </summary>
                  <div className="mt-3">
                    <RouteDecision decision={d.routeDecision} />
                  </div>
                </details>
              ))}
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
