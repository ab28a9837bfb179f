"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";
import { ChannelMark } from "./channel-mark";
import { knownMessage } from "@/server/i18n/known-message";

type Props = {
  channels: CashierOrder["channels"];
  selected: string | null;
  onSelect: (channel: string) => void;
  onPay: () => void;
  starting: boolean;
  amount: string;
};

/** The channels this order may use here, as large radio cards, and the Pay button. */
export function ChannelPicker({ channels, selected, onSelect, onPay, starting, amount }: Props) {
  const t = useTranslations();
  if (channels.length === 0) {
    return (
      <Alert>
        <AlertDescription>{t("cashier.noChannels")}</AlertDescription>
      </Alert>
    );
  }
  return (
    <form
      className="flex flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        onPay();
      }}
    >
      <fieldset className="flex flex-col gap-2.5">
        <legend className="mb-2.5 text-sm font-medium text-muted-foreground">{t("cashier.chooseMethod")}</legend>
        {channels.map(({ channel, mode }) => (
          <label
            key={channel}
            className="flex min-h-16 cursor-pointer items-center gap-3 rounded-xl border px-4 py-3 transition-colors hover:bg-accent/50 has-checked:border-primary has-checked:bg-primary/5 has-focus-visible:ring-[3px] has-focus-visible:ring-ring/50"
          >
            <ChannelMark channel={channel} />
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="font-medium">{knownMessage(t, `channel.${channel}`, channel)}</span>
              <span className="text-xs text-muted-foreground">{knownMessage(t, `cashierChannel.${channel}.modeHint.${mode}`, "")}</span>
            </span>
            <input
              type="radio"
              name="channel"
              value={channel}
              checked={selected === channel}
              onChange={() => onSelect(channel)}
              className="size-5 accent-primary outline-none"
            />
          </label>
        ))}
      </fieldset>
      <Button type="submit" size="lg" className="h-12 w-full text-base" disabled={!selected || starting}>
        {starting ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
        {starting ? t("cashier.starting") : t("cashier.pay", { amount })}
      </Button>
    </form>
  );
}
