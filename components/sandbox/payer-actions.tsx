"use client";

import { Ban, CircleCheck, CircleX, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { channelColorStyle } from "@/components/channels/channel-brand";
import { Button } from "@/components/ui/button";

/** The trade's state after the payer's answer (NOT_FOUND: it vanished meanwhile). */
export type PayerAnswer = { state: "PENDING" | "SUCCEEDED" | "FAILED" | "CLOSED" | "NOT_FOUND" };

/** A server action that settles the trade from the form (channel, channelTradeNo, outcome, redirectUrl). */
export type AnswerPayment = (previous: PayerAnswer, form: FormData) => Promise<PayerAnswer>;

const RESULTS = {
  SUCCEEDED: { icon: <CircleCheck className="size-12 text-success" aria-hidden="true" />, title: "succeededTitle", body: "succeededBody" },
  FAILED: { icon: <CircleX className="size-12 text-destructive" aria-hidden="true" />, title: "failedTitle", body: "failedBody" },
  CLOSED: { icon: <Ban className="size-12 text-muted-foreground" aria-hidden="true" />, title: "closedTitle", body: "closedBody" },
  NOT_FOUND: { icon: <Ban className="size-12 text-muted-foreground" aria-hidden="true" />, title: "notFoundTitle", body: "notFoundBody" },
} as const;

type Props = { answer: AnswerPayment; channel: string; channelTradeNo: string; state: PayerAnswer["state"]; redirectUrl?: string };

/** Pay, Decline or Cancel while the trade is pending; afterwards, what happened. */
export function PayerActions({ answer: answerPayment, channel, channelTradeNo, state: initialState, redirectUrl }: Props) {
  const t = useTranslations("sandboxPayer");
  const [answer, act, pending] = useActionState(answerPayment, { state: initialState });
  if (answer.state !== "PENDING") {
    const result = RESULTS[answer.state];
    return (
      <div className="flex flex-col items-center gap-2 px-6 pb-8 text-center" data-testid="payer-result" data-state={answer.state}>
        {result.icon}
        <h2 className="text-lg font-semibold">{t(result.title)}</h2>
        <p className="text-sm text-muted-foreground">{t(result.body)}</p>
      </div>
    );
  }
  return (
    <form action={act} className="flex flex-col gap-2.5 px-6 pb-8">
      <input type="hidden" name="channel" value={channel} />
      <input type="hidden" name="channelTradeNo" value={channelTradeNo} />
      {redirectUrl && <input type="hidden" name="redirectUrl" value={redirectUrl} />}
      <Button
        type="submit"
        name="outcome"
        value="success"
        size="lg"
        disabled={pending}
        style={channelColorStyle(channel)}
        className="h-12 w-full bg-(--channel) text-base text-white hover:bg-(--channel)/90"
      >
        {pending && <LoaderCircle className="animate-spin" aria-hidden="true" />}
        {pending ? t("working") : t("pay")}
      </Button>
      <div className="grid grid-cols-2 gap-2.5">
        <Button type="submit" name="outcome" value="fail" variant="outline" className="h-11" disabled={pending}>
          {t("decline")}
        </Button>
        <Button type="submit" name="outcome" value="close" variant="ghost" className="h-11" disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
