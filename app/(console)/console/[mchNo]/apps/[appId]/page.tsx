import { ArrowLeftIcon, PlusIcon } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AppSettingsForm } from "@/components/apps/app-settings-form";
import { AppStatusButton } from "@/components/apps/app-status-button";
import { NotPayableAlert } from "@/components/apps/not-payable-alert";
import { RateLimitCard } from "@/components/apps/rate-limit-card";
import { CopyButton } from "@/components/apps/copy-button";
import { RotateSecretDialog } from "@/components/apps/rotate-secret-dialog";
import { RsaKeyCard } from "@/components/apps/rsa-key-card";
import { TestRequestButton } from "@/components/apps/test-request-button";
import { ChannelAccountsTable } from "@/components/channel-accounts/channel-accounts-table";
import { OrderSettingsCard } from "@/components/orders/order-settings-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { orInterrupt } from "@/server/auth/guards";
import { minorToDecimal } from "@/server/domain/money";
import { curlExample, typescriptExample } from "@/server/domain/signing-examples";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/apps/[appId] – one app: keys, status, settings, integration, channel accounts
export default async function AppPage({ params }: { params: Promise<{ mchNo: string; appId: string }> }) {
  const { mchNo, appId } = await params;
  const path = `/console/${mchNo}/apps/${appId}`;
  const caller = await serverCaller();
  const app = await orInterrupt(caller.apps.get({ mchNo, appId }), path);
  const accounts = await orInterrupt(caller.channelAccounts.list({ mchNo, appId }), path);
  const rsaKey = await orInterrupt(caller.appKeys.rsaKey({ mchNo, appId }), path);
  const t = await getTranslations();
  const format = await getFormatter();
  const examples = { curl: curlExample(app.id, app.apiBaseUrl), typescript: typescriptExample(app.id, app.apiBaseUrl) };
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <div>
        <Link href={`/console/${mchNo}/apps`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
          <ArrowLeftIcon className="size-4" />
          {t("appDetail.back")}
        </Link>
      </div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="flex items-center gap-2 text-2xl font-semibold">
            {app.name}
            <Badge variant={app.mode === "LIVE" ? "default" : "secondary"}>{t(`appMode.${app.mode}`)}</Badge>
            <Badge variant={app.status === "ACTIVE" ? "success" : "outline"} data-testid="app-status">
              {t(`appStatus.${app.status}`)}
            </Badge>
          </h1>
          <div className="flex items-center gap-2 text-sm text-muted-foreground">
            {t("appDetail.appId")} <code className="font-mono text-foreground" data-testid="app-id">{app.id}</code>
            <CopyButton value={app.id} />
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline" data-testid="open-request-logs">
            <Link href={`/console/${mchNo}/requests?appId=${encodeURIComponent(app.id)}`}>{t("developerTools.requestLogs.openLog")}</Link>
          </Button>
          <AppStatusButton mchNo={mchNo} appId={app.id} status={app.status} />
        </div>
      </div>

      {!app.payable && <NotPayableAlert mchNo={mchNo} appId={app.id} />}

      <Card>
        <CardHeader>
          <CardTitle>{t("appDetail.keysTitle")}</CardTitle>
          <CardDescription>{t("appDetail.keysDescription")}</CardDescription>
          <CardAction>
            <RotateSecretDialog mchNo={mchNo} appId={app.id} />
          </CardAction>
        </CardHeader>
        <CardContent className="text-sm" data-testid="previous-secret">
          {app.previousSecretValidUntil
            ? t("appDetail.previousValidUntil", { time: format.dateTime(app.previousSecretValidUntil, { dateStyle: "medium", timeStyle: "short" }) })
            : t("appDetail.noPrevious")}
        </CardContent>
      </Card>

      <RsaKeyCard mchNo={mchNo} appId={app.id} rsaKey={rsaKey && { fingerprint: rsaKey.fingerprint, bits: rsaKey.bits, updatedAt: rsaKey.updatedAt }} />

      <Card>
        <CardHeader>
          <CardTitle>{t("appDetail.integrationTitle")}</CardTitle>
          <CardDescription>{t("appDetail.integrationDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <Tabs defaultValue="curl">
            <TabsList>
              <TabsTrigger value="curl">{t("appDetail.curlTab")}</TabsTrigger>
              <TabsTrigger value="typescript">{t("appDetail.typescriptTab")}</TabsTrigger>
            </TabsList>
            {(["curl", "typescript"] as const).map((kind) => (
              <TabsContent key={kind} value={kind} className="relative">
                <div className="absolute right-2 top-2">
                  <CopyButton value={examples[kind]} />
                </div>
                <pre className="max-h-96 overflow-auto rounded-md border bg-muted p-4 text-xs leading-relaxed" data-testid={`example-${kind}`}>
                  {examples[kind]}
                </pre>
              </TabsContent>
            ))}
          </Tabs>
          <TestRequestButton mchNo={mchNo} appId={app.id} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("appDetail.channelsTitle")}</CardTitle>
          <CardDescription>{t("appDetail.channelsDescription")}</CardDescription>
          <CardAction>
            <Button asChild data-testid="add-channel-account">
              <Link href={`${path}/channels/new`}>
                <PlusIcon />
                {t("appDetail.addChannel")}
              </Link>
            </Button>
          </CardAction>
        </CardHeader>
        <CardContent>
          <ChannelAccountsTable mchNo={mchNo} accounts={accounts} showApp={false} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("appForm.settingsTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          <AppSettingsForm
            mchNo={mchNo}
            appId={app.id}
            initial={{
              name: app.name,
              notifyUrl: app.notifyUrl ?? "",
              refundReviewThresholdYuan: app.refundReviewThreshold === null ? "" : minorToDecimal(app.refundReviewThreshold, "CNY"),
              repeatGuardSeconds: app.repeatGuardSeconds,
            }}
          />
        </CardContent>
      </Card>
      {/* apps.read and apps.manage are the same roles (OWNER, DEVELOPER): whoever sees this page may edit */}
      <OrderSettingsCard mchNo={mchNo} appId={app.id} canEdit />
      <RateLimitCard mchNo={mchNo} appId={app.id} canEdit />
    </div>
  );
}
