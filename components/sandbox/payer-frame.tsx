import { FlaskConical } from "lucide-react";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ChannelMark } from "@/components/cashier/channel-mark";
import { channelColorStyle } from "@/components/channels/channel-brand";
import { channelName } from "@/components/channels/channel-name";

/** The simulated channel's app (WeChat, Alipay…): a phone-sized screen in the channel's colour, marked as the sandbox. */
export async function PayerFrame({ channel, children }: { channel?: string; children: ReactNode }) {
  const [t, tc] = await Promise.all([getTranslations(), getTranslations("channel")]);
  return (
    <main className="flex min-h-dvh justify-center bg-muted/60 sm:items-center sm:p-6">
      <div className="flex w-full flex-col bg-card sm:max-w-sm sm:overflow-hidden sm:rounded-2xl sm:border sm:shadow-lg">
        <header style={channelColorStyle(channel)} className="flex items-center gap-2.5 bg-(--channel) px-5 py-4 text-white">
          {channel && <ChannelMark channel={channel} className="size-8 bg-white/20" />}
          <span className="font-medium">{channel ? channelName(tc, channel) : t("common.appName")}</span>
          <span className="ml-auto rounded-full bg-white/20 px-2.5 py-0.5 text-xs font-medium">{t("sandboxPayer.sandbox")}</span>
        </header>
        <div className="flex-1">{children}</div>
        <p className="flex items-start gap-2 border-t bg-muted/40 px-5 py-3 text-xs text-muted-foreground">
          <FlaskConical className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
          {t("sandboxPayer.notice")}
        </p>
      </div>
    </main>
  );
}
