import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BillEditsCard } from "@/components/channel-accounts/bill-edits-card";
import { ChannelAccountForm } from "@/components/channel-accounts/channel-account-form";
import { FaultsForm } from "@/components/channel-accounts/faults-form";
import { TestConnectionButton } from "@/components/channel-accounts/test-connection-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/apps/[appId]/channels/[accountId] – one channel account: test connection, edit, sandbox faults and bill differences
export default async function ChannelAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ mchNo: string; appId: string; accountId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { mchNo, appId, accountId } = await params;
  const { created } = await searchParams;
  const path = `/console/${mchNo}/apps/${appId}/channels/${accountId}`;
  const caller = await serverCaller();
  const account = await orInterrupt(caller.channelAccounts.get({ mchNo, id: accountId }), path);
  if (account.app.id !== appId) notFound();
  const forms = await orInterrupt(caller.channelAccounts.forms({ mchNo }), path);
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <Link href={`/console/${mchNo}/apps/${appId}`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeftIcon className="size-4" />
        {account.app.name}
      </Link>
      <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
        {account.name}
        <Badge variant="secondary">{t(`channel.${account.channel}`)}</Badge>
        <Badge variant={account.app.mode === "LIVE" ? "default" : "secondary"}>{t(`appMode.${account.app.mode}`)}</Badge>
        <Badge variant={account.status === "ENABLED" ? "success" : "outline"}>
          {t(`appStatus.${account.status === "ENABLED" ? "ACTIVE" : "DISABLED"}`)}
        </Badge>
      </h1>
      {created && (
        <Alert data-testid="account-created">
          <AlertDescription>
            {t("channelAccounts.created")}
            {account.sandbox && <> · {t("channelAccounts.sandboxProvisioned", { mchId: account.sandbox.channelMchId })}</>}
          </AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t("channelAccounts.testConnection")}</CardTitle>
        </CardHeader>
        <CardContent>
          <TestConnectionButton mchNo={mchNo} id={account.id} />
        </CardContent>
      </Card>
      <h2 className="text-lg font-semibold">{t("channelAccounts.editTitle")}</h2>
      <ChannelAccountForm
        mchNo={mchNo}
        appId={appId}
        appMode={account.app.mode}
        forms={forms}
        sandboxUrls={Object.fromEntries(forms.map((f) => [f.channel, f.sandboxUrl]))}
        initial={account}
      />
      {account.sandbox && (
        <Card>
          <CardHeader>
            <CardTitle>{t("channelAccounts.faultsTitle")}</CardTitle>
            <CardDescription>{t("channelAccounts.faultsDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <FaultsForm mchNo={mchNo} id={account.id} initial={account.sandbox.faults} />
          </CardContent>
        </Card>
      )}
      {account.sandbox && account.app.mode === "TEST" && (
        <Card data-testid="bill-edits-card">
          <CardHeader>
            <CardTitle>{t("channelAccounts.billEditsTitle")}</CardTitle>
            <CardDescription>{t("channelAccounts.billEditsDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <BillEditsCard mchNo={mchNo} id={account.id} initial={account.sandbox.faults.billEdits} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
