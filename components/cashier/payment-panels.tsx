"use client";

import { CircleX, ExternalLink, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { isRedirectUrl } from "@/server/domain/pay-data-urls";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";
import { ChannelMark } from "./channel-mark";
import { knownMessage } from "@/server/i18n/known-message";

type Attempt = NonNullable<CashierOrder["attempt"]>;

/** "I have paid" and "Use another method", under every panel of an attempt under way. */
export function AttemptActions({ onCheck, checking, onOtherMethod }: { onCheck?: () => void; checking?: boolean; onOtherMethod: () => void }) {
  const t = useTranslations("cashier");
  return (
    <div className="flex flex-col gap-2">
      {onCheck && (
        <Button variant="outline" size="lg" className="h-12 w-full text-base" onClick={onCheck} disabled={checking}>
          {checking && <LoaderCircle className="animate-spin" aria-hidden="true" />}
          {checking ? t("checking") : t("iHavePaid")}
        </Button>
      )}
      <Button variant="ghost" className="h-11 w-full" onClick={onOtherMethod}>
        {t("otherMethod")}
      </Button>
    </div>
  );
}

function PanelHeading({ channel, children }: { channel: string; children: ReactNode }) {
  return (
    <h2 className="flex items-center justify-center gap-2 text-base font-medium">
      <ChannelMark channel={channel} className="size-7" />
      {children}
    </h2>
  );
}

/** A QR code to scan with the channel's app; its URL is on the figure for tools and tests. */
export function QrPanel({ payOrderNo, attempt, codeUrl, testMode }: { payOrderNo: string; attempt: Attempt; codeUrl: string; testMode: boolean }) {
  const t = useTranslations();
  const channel = knownMessage(t, `channel.${attempt.channel}`, attempt.channel);
  const app = knownMessage(t, `cashierChannel.${attempt.channel}.app`, attempt.channel);
  return (
    <div className="flex flex-col items-center gap-3 text-center">
      <PanelHeading channel={attempt.channel}>{t("cashier.scanTitle", { app })}</PanelHeading>
      <figure className="rounded-2xl border bg-white p-4 shadow-xs" data-testid="qr-code" data-code-url={codeUrl}>
        {/* SVG drawn on the server for this attempt (app/(cashier)/pay/[payOrderNo]/qr) */}
        <img
          src={`/pay/${payOrderNo}/qr?attempt=${encodeURIComponent(attempt.attemptNo)}`}
          alt={t("cashier.qrAlt", { channel })}
          width={208}
          height={208}
          className="size-52"
        />
      </figure>
      <p className="text-sm text-muted-foreground">{t("cashier.scanHint", { app })}</p>
      {testMode && isRedirectUrl(codeUrl) && (
        <a href={codeUrl} target="_blank" rel="noopener" className="inline-flex items-center gap-1 text-xs text-primary underline-offset-4 hover:underline">
          <ExternalLink className="size-3" aria-hidden="true" />
          {t("cashier.openPayerPage")}
        </a>
      )}
    </div>
  );
}

/** Back from (or not yet at) the channel's own page: go there again (an http(s) page only, never a script URL). */
export function RedirectPanel({ attempt, url }: { attempt: Attempt; url: string }) {
  const t = useTranslations();
  const app = knownMessage(t, `cashierChannel.${attempt.channel}.app`, attempt.channel);
  return (
    <div className="flex flex-col items-center gap-3 text-center">
      <PanelHeading channel={attempt.channel}>{t("cashier.redirectTitle", { app })}</PanelHeading>
      {isRedirectUrl(url) ? (
        <>
          <p className="text-sm text-muted-foreground">{t("cashier.redirectBody")}</p>
          <Button asChild variant="outline" size="lg" className="h-12 w-full text-base">
            <a href={url}>{t("cashier.continueTo", { app })}</a>
          </Button>
        </>
      ) : (
        <p className="text-sm text-destructive" role="alert">
          {t("cashier.errorChannel", { channel: knownMessage(t, `channel.${attempt.channel}`, attempt.channel) })}
        </p>
      )}
    </div>
  );
}

/** Back from (or not yet at) the channel's own page reached by a form POST (UnionPay): post it again (to an http(s) page only). */
export function FormPanel({ attempt, action, fields }: { attempt: Attempt; action: string; fields: Record<string, string> }) {
  const t = useTranslations();
  const app = knownMessage(t, `cashierChannel.${attempt.channel}.app`, attempt.channel);
  return (
    <div className="flex flex-col items-center gap-3 text-center">
      <PanelHeading channel={attempt.channel}>{t("cashier.redirectTitle", { app })}</PanelHeading>
      {isRedirectUrl(action) ? (
        <form method="post" action={action} acceptCharset="UTF-8" className="flex w-full flex-col gap-3">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <p className="text-sm text-muted-foreground">{t("cashier.redirectBody")}</p>
          <Button type="submit" variant="outline" size="lg" className="h-12 w-full text-base">
            {t("cashier.continueTo", { app })}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-destructive" role="alert">
          {t("cashier.errorChannel", { channel: knownMessage(t, `channel.${attempt.channel}`, attempt.channel) })}
        </p>
      )}
    </div>
  );
}

/** The channel call is under way. */
export function PreparingPanel() {
  const t = useTranslations("cashier");
  return (
    <p className="flex items-center justify-center gap-2 py-10 text-sm text-muted-foreground" role="status">
      <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
      {t("preparing")}
    </p>
  );
}

/** The latest attempt did not go through: try the same channel again, or another. */
export function FailedPanel({ onRetry, retrying }: { onRetry: () => void; retrying: boolean }) {
  const t = useTranslations("cashier");
  return (
    <div className="flex flex-col items-center gap-3 text-center" data-testid="payment-failed">
      <CircleX className="size-12 text-destructive" aria-hidden="true" />
      <h2 className="text-lg font-semibold">{t("failedTitle")}</h2>
      <p className="text-sm text-muted-foreground">{t("failedBody")}</p>
      <Button size="lg" className="mt-2 h-12 w-full text-base" onClick={onRetry} disabled={retrying}>
        {retrying && <LoaderCircle className="animate-spin" aria-hidden="true" />}
        {t("retry")}
      </Button>
    </div>
  );
}
