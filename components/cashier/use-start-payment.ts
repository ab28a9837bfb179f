"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";
import { redirectTarget, submitForm } from "./redirect-target";
import { knownMessage } from "@/server/i18n/known-message";

export type Notice = { text: string; error: boolean };

/** Refusals the order explains by itself once read again (receipt, closed card): no notice for them. */
const EXPLAINED_BY_THE_ORDER = new Set(["ORDER_ALREADY_PAID", "ORDER_CLOSED", "MERCHANT_INACTIVE"]);

/**
 * Starting a payment from the cashier: one start at a time (a double click starts one payment); a
 * start refused because another began a moment ago (another tab, a quick retry) is made once more
 * when the server allows it; a channel that takes over (Alipay, WeChat H5) is opened at once.
 */
export function useStartPayment({ onStarted, onRefused }: { onStarted: (order: CashierOrder) => void; onRefused: (notice: Notice | null) => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const inFlight = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [waitingToRetry, setWaitingToRetry] = useState(false);
  useEffect(() => () => clearTimeout(retryTimer.current), []);

  const pay = useMutation(
    trpc.cashier.pay.mutationOptions({
      onSuccess(order) {
        inFlight.current = false;
        onStarted(order);
        const target = redirectTarget(order);
        if (target === "refused") onRefused({ text: t("cashier.errorChannel", { channel: knownMessage(t, `channel.${order.attempt?.channel}`, order.attempt?.channel ?? "") }), error: true });
        else if (target && "form" in target) submitForm(target.form);
        else if (target) window.location.assign(target.url);
      },
      onError(error, variables) {
        const code = error.data?.appCode;
        if (code === "REPEAT_TOO_SOON" && !retryTimer.current) {
          setWaitingToRetry(true);
          retryTimer.current = setTimeout(() => {
            setWaitingToRetry(false);
            pay.mutate(variables);
          }, (error.data?.retryAfter ?? 3) * 1000);
          return;
        }
        inFlight.current = false;
        if (code && EXPLAINED_BY_THE_ORDER.has(code)) onRefused(null);
        else if (code === "REPEAT_TOO_SOON") onRefused({ text: t("cashier.errorTooSoon"), error: false });
        else if (code === "RISK_REJECTED") onRefused({ text: t("riskCheck.cashierRejected"), error: true });
        else if (code === "ORDER_UNDER_REVIEW") onRefused({ text: t("riskCheck.cashierUnderReview"), error: false });
        else if (code === "CHANNEL_ERROR" || code === "CHANNEL_UNAVAILABLE") onRefused({ text: t("cashier.errorChannel", { channel: knownMessage(t, `channel.${variables.channel}`, variables.channel) }), error: true });
        else onRefused({ text: t("cashier.errorGeneric"), error: true });
      },
    }),
  );

  function start(payOrderNo: string, channel: string | null) {
    if (!channel || inFlight.current) return;
    inFlight.current = true;
    retryTimer.current = undefined;
    pay.mutate({ payOrderNo, channel });
  }

  return { start, starting: pay.isPending || waitingToRetry };
}
