"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { knownMessage } from "@/server/i18n/known-message";
import type { CashierTrade } from "@/server/services/cashier/cashier-trade-view";
import type { Notice } from "./use-start-payment";
import type { TradeChoice } from "./trade-choice";

/** Refusals the page explains by itself once the order is read again (under way, paid, closed). */
const EXPLAINED_BY_THE_ORDER = new Set(["ORDER_ALREADY_PAID", "ORDER_CLOSED", "INVALID_TRANSITION", "MERCHANT_INACTIVE"]);

/** `cashier-` and 24 letters or digits, drawn by the browser's CSPRNG. */
function newCashierTradeNo(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `cashier-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}

const keyOf = (choice: TradeChoice) => `${choice.couponNo ?? ""}|${choice.points}|${choice.wallet}`;

/**
 * Paying an order with coupon, points and wallet from the cashier (cashier.payTrade): one submission at
 * a time; the tradeNo is drawn once per submission and kept while the choice stays the same, so a
 * double click, a retry after a lost answer or a second tab's resend all name one trade. Refusals
 * become friendly notices (never a code), and the assets are read again after one about them.
 */
export function usePayTrade({
  payOrderNo,
  onDone,
  onRefused,
}: {
  payOrderNo: string;
  onDone: (trade: CashierTrade) => void;
  onRefused: (notice: Notice | null, code: string | undefined) => void;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const inFlight = useRef(false);
  const submission = useRef<{ key: string; tradeNo: string } | null>(null);

  const pay = useMutation(
    trpc.cashier.payTrade.mutationOptions({
      onSuccess(trade) {
        inFlight.current = false;
        onDone(trade);
      },
      onError(error) {
        inFlight.current = false;
        const code = error.data?.appCode;
        // a refusal made nothing: the next click is a new submission
        if (code && code !== "INTERNAL_ERROR" && code !== "SERVICE_UNAVAILABLE" && code !== "CHANNEL_UNAVAILABLE") submission.current = null;
        if (code && EXPLAINED_BY_THE_ORDER.has(code)) onRefused(null, code);
        else if (code === "RISK_REJECTED") onRefused({ text: t("riskCheck.cashierRejected"), error: true }, code);
        else if (code === "ORDER_UNDER_REVIEW") onRefused({ text: t("riskCheck.cashierUnderReview"), error: false }, code);
        else onRefused({ text: knownMessage(t, `cashierTrade.errors.${code}`, t("cashier.errorGeneric")), error: true }, code);
      },
    }),
  );

  function submit(choice: TradeChoice) {
    if (inFlight.current) return;
    inFlight.current = true;
    const key = keyOf(choice);
    if (submission.current?.key !== key) submission.current = { key, tradeNo: newCashierTradeNo() };
    pay.mutate({ payOrderNo, tradeNo: submission.current.tradeNo, couponNo: choice.couponNo, points: choice.points, walletAmount: choice.wallet });
  }

  return { submit, submitting: pay.isPending || pay.isSuccess };
}
