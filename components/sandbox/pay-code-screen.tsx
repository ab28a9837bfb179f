"use client";

import { CircleCheck, CircleX, KeyRound, LoaderCircle, RefreshCw } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { channelColorStyle } from "@/components/channels/channel-brand";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/domain/money";

type Code = { code: string; image: string };
type Payment = { code: string; channelTradeNo: string; state: "PENDING" | "SUCCEEDED" | "FAILED" | "CLOSED"; amount: string; currency: string; subject: string; payee: string | null };

type Props = {
  channel: string;
  buyer: string;
  initial: Code;
  refresh: (input: { channel: string; buyer: string }) => Promise<Code | null>;
  payments: (input: { channel: string; codes: string[] }) => Promise<Payment[]>;
  answer: (input: { channel: string; code: string; channelTradeNo: string; outcome: "success" | "fail" }) => Promise<boolean>;
};

/** A code lasts a minute at the channel: the phone shows a new one well before. */
const REFRESH_MS = 30_000;
const POLL_MS = 1_500;

/** "134567890123456789" → "1345 6789 0123 4567 89", as the payer apps print the digits under the code. */
function spaced(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/**
 * The payer's phone: the payment code to scan (QR and digits), refreshed as the channel's app does;
 * the payment the merchant made with it, and — when it waits for the password — Confirm or Cancel.
 */
export function PayCodeScreen({ channel, buyer, initial, refresh, payments: loadPayments, answer }: Props) {
  const t = useTranslations("sandboxPayCode");
  const locale = useLocale();
  const [current, setCurrent] = useState<Code>(initial);
  const shown = useRef<string[]>([initial.code]);
  const [payments, setPayments] = useState<Payment[]>([]);
  const [answering, startAnswer] = useTransition();

  const renew = useCallback(async () => {
    const next = await refresh({ channel, buyer });
    if (!next) return;
    shown.current = [next.code, ...shown.current].slice(0, 10);
    setCurrent(next);
  }, [refresh, channel, buyer]);

  useEffect(() => {
    const timer = setInterval(renew, REFRESH_MS);
    return () => clearInterval(timer);
  }, [renew]);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const found = await loadPayments({ channel, codes: shown.current });
      if (stopped) return;
      setPayments(found);
      // a code pays once: once used, the phone shows a new one
      if (found.some((payment) => payment.code === shown.current[0])) await renew();
    };
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [loadPayments, channel, renew]);

  const latest = payments[0];
  const respond = (payment: Payment, outcome: "success" | "fail") =>
    startAnswer(async () => {
      await answer({ channel, code: payment.code, channelTradeNo: payment.channelTradeNo, outcome });
      setPayments(await loadPayments({ channel, codes: shown.current }));
    });

  return (
    <div className="flex flex-col gap-5 px-6 pt-6 pb-8">
      {latest?.state === "PENDING" ? (
        <section className="flex flex-col items-center gap-3 text-center" data-testid="paycode-password">
          <KeyRound className="size-10 text-muted-foreground" aria-hidden="true" />
          <h2 className="text-lg font-semibold">{t("passwordTitle")}</h2>
          <p className="text-sm text-muted-foreground">{t("payTo", { payee: latest.payee ?? t("unknownPayee") })}</p>
          <p className="text-3xl font-semibold tabular-nums" data-testid="paycode-amount">
            {formatMoney(BigInt(latest.amount), latest.currency, locale)}
          </p>
          <p className="text-sm break-all">{latest.subject}</p>
          <div className="mt-2 flex w-full flex-col gap-2.5">
            <Button
              size="lg"
              disabled={answering}
              onClick={() => respond(latest, "success")}
              style={channelColorStyle(channel)}
              className="h-12 w-full bg-(--channel) text-base text-white hover:bg-(--channel)/90"
            >
              {answering && <LoaderCircle className="animate-spin" aria-hidden="true" />}
              {t("confirm")}
            </Button>
            <Button variant="outline" className="h-11" disabled={answering} onClick={() => respond(latest, "fail")}>
              {t("cancel")}
            </Button>
          </div>
        </section>
      ) : (
        <section className="flex flex-col items-center gap-3 text-center">
          <p className="text-sm text-muted-foreground">{t("showToCashier")}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
          <img src={current.image} alt={t("codeAlt")} className="size-56 rounded-lg border bg-white p-2" data-testid="paycode-qr" />
          <p className="font-mono text-lg tracking-wider tabular-nums select-all" data-testid="paycode-digits" data-code={current.code}>
            {spaced(current.code)}
          </p>
          <Button variant="ghost" size="sm" onClick={() => void renew()}>
            <RefreshCw aria-hidden="true" />
            {t("refresh")}
          </Button>
        </section>
      )}
      {latest && latest.state !== "PENDING" && (
        <section className="flex items-center gap-3 rounded-xl border px-4 py-3 text-sm" data-testid="paycode-result" data-state={latest.state}>
          {latest.state === "SUCCEEDED" ? (
            <CircleCheck className="size-6 shrink-0 text-success" aria-hidden="true" />
          ) : (
            <CircleX className="size-6 shrink-0 text-muted-foreground" aria-hidden="true" />
          )}
          <div className="min-w-0">
            <p className="font-medium">{t(`result.${latest.state}`)}</p>
            <p className="truncate text-muted-foreground">
              {formatMoney(BigInt(latest.amount), latest.currency, locale)} · {latest.payee ?? t("unknownPayee")}
            </p>
          </div>
        </section>
      )}
    </div>
  );
}
