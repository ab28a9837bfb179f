import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChannelAccountForm } from "@/components/channel-accounts/channel-account-form";
import { Badge } from "@/components/ui/badge";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/apps/[appId]/channels/new – add a channel account (form generated from the plugin's schema)
export default async function NewChannelAccountPage({ params }: { params: Promise<{ mchNo: string; appId: string }> }) {
  const { mchNo, appId } = await params;
  const path = `/console/${mchNo}/apps/${appId}/channels/new`;
  const caller = await serverCaller();
  const forms = await orInterrupt(caller.channelAccounts.forms({ mchNo }), path);
  const app = await orInterrupt(caller.apps.get({ mchNo, appId }), path);
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <Link href={`/console/${mchNo}/apps/${appId}`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeftIcon className="size-4" />
        {app.name}
      </Link>
      <h1 className="flex items-center gap-2 text-2xl font-semibold">
        {t("channelAccounts.newTitle")}
        <Badge variant={app.mode === "LIVE" ? "default" : "secondary"}>{t(`appMode.${app.mode}`)}</Badge>
      </h1>
      <ChannelAccountForm
        mchNo={mchNo}
        appId={appId}
        appMode={app.mode}
        forms={forms}
        sandboxUrls={Object.fromEntries(forms.map((f) => [f.channel, f.sandboxUrl]))}
      />
    </div>
  );
}
