import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChannelMark } from "@/components/cashier/channel-mark";
import { channelName } from "@/components/channels/channel-name";
import { PayerFrame } from "@/components/sandbox/payer-frame";
import { PAY_CODE_CHANNELS, SANDBOX_BUYERS } from "@/server/sandbox";

export const metadata: Metadata = { robots: { index: false, follow: false } };

// /sandbox/paycode – pick a sandbox buyer whose payment code (付款码) to show
export default async function SandboxPayCodeIndex() {
  const [t, tc] = await Promise.all([getTranslations("sandboxPayCode"), getTranslations("channel")]);
  return (
    <PayerFrame>
      <div className="flex flex-col gap-5 px-6 py-6">
        <div>
          <h1 className="text-lg font-semibold">{t("title")}</h1>
          <p className="text-sm text-muted-foreground">{t("intro")}</p>
        </div>
        {PAY_CODE_CHANNELS.map((channel) => (
          <section key={channel} className="flex flex-col gap-2">
            <h2 className="flex items-center gap-2 text-sm font-medium">
              <ChannelMark channel={channel} className="size-6" />
              {channelName(tc, channel)}
            </h2>
            <ul className="divide-y rounded-xl border">
              {SANDBOX_BUYERS.map((buyer) => (
                <li key={buyer}>
                  <Link href={`/sandbox/paycode/${channel}/${buyer}`} className="flex flex-col px-4 py-2.5 hover:bg-muted/60" data-testid={`paycode-${channel}-${buyer}`}>
                    <span className="text-sm font-medium">{t(`buyers.${buyer}.name`)}</span>
                    <span className="text-xs text-muted-foreground">{t(`buyers.${buyer}.hint`)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </PayerFrame>
  );
}
