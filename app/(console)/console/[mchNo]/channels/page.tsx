import { getTranslations } from "next-intl/server";
import { ChannelAccountsTable } from "@/components/channel-accounts/channel-accounts-table";
import { Card, CardContent } from "@/components/ui/card";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";
import { PageHeader } from "@/components/shell/page-header";

// /console/[mchNo]/channels – every channel account of the merchant, across apps
export default async function ChannelsPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  const accounts = await orInterrupt(caller.channelAccounts.list({ mchNo }), `/console/${mchNo}/channels`);
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <PageHeader title={t("channelAccounts.title")} description={t("channelAccounts.description")} />
      <Card>
        <CardContent>
          <ChannelAccountsTable mchNo={mchNo} accounts={accounts} showApp />
        </CardContent>
      </Card>
    </div>
  );
}
