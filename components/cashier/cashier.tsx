"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Separator } from "@/components/ui/separator";
import { formatMoney } from "@/server/domain/money";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";
import { ChannelPicker } from "./channel-picker";
import { Countdown, useRemaining } from "./countdown";
import { OrderEnded } from "./order-ended";
import { OrderSummary } from "./order-summary";
import { PaidReceipt } from "./paid-receipt";
import { AttemptActions, FailedPanel, PreparingPanel, QrPanel, RedirectPanel } from "./payment-panels";
import { type Notice, useStartPayment } from "./use-start-payment";

/** How often the page asks for the order while it can be paid: it turns to the receipt by itself. */
const POLL_MS = 2_000;

/**
 * The cashier (`/pay/[payOrderNo]`), server-rendered with the order and then kept current by polling:
 * choose a channel and pay (a QR code, or the channel's own page), see the receipt the moment the
 * payment lands, then go back to the merchant.
 */
export function Cashier({ initial }: { initial: CashierOrder }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { payOrderNo: initial.payOrderNo };
  const queryKey = trpc.cashier.order.queryKey(input);
  const [clockOffset] = useState(() => initial.serverTime.getTime() - Date.now());
  const { data: order } = useQuery(
    trpc.cashier.order.queryOptions(input, {
      initialData: initial,
      refetchInterval: ({ state: { data } }) => (data?.phase === "payable" && data.expiresAt.getTime() > Date.now() + clockOffset ? POLL_MS : false),
    }),
  );
  const remaining = useRemaining(order.expiresAt, clockOffset);
  const [choosing, setChoosing] = useState(false);
  const [selected, setSelected] = useState(order.preselected);
  const [notice, setNotice] = useState<Notice | null>(null);

  const show = (next: CashierOrder) => queryClient.setQueryData(queryKey, next);
  const payment = useStartPayment({
    onStarted(next) {
      show(next);
      setChoosing(false);
    },
    onRefused(refusal) {
      setNotice(refusal);
      setChoosing(false);
      void queryClient.invalidateQueries({ queryKey });
    },
  });

  const check = useMutation(
    trpc.cashier.check.mutationOptions({
      onSuccess(next) {
        show(next);
        if (next.phase === "payable" && next.attempt?.state === "waiting") setNotice({ text: t("cashier.notYetPaid"), error: false });
      },
    }),
  );

  function startPayment(channel: string | null) {
    setNotice(null);
    payment.start(order.payOrderNo, channel);
  }

  function chooseAnother() {
    setNotice(null);
    setChoosing(true);
    const other = order.channels.find((c) => c.channel !== order.attempt?.channel);
    if (other) setSelected(other.channel);
  }

  // Back from a channel's own page (Alipay, WeChat H5): ask the channel now instead of waiting for its callback.
  const { mutate: checkNow } = check;
  useEffect(() => {
    if (initial.attempt?.state === "waiting" && initial.attempt.payData?.type === "redirect") checkNow({ payOrderNo: initial.payOrderNo });
  }, [initial, checkNow]);

  const phase = order.phase === "payable" && remaining <= 0 ? "expired" : order.phase;
  if (phase === "paid") return <PaidReceipt order={order} />;

  const attempt = order.attempt;
  const payData = attempt?.state === "waiting" ? attempt.payData : null;
  const picking = choosing || !attempt || (attempt.state === "waiting" && !payData);

  return (
    <div data-testid="cashier" data-phase={phase} data-attempt={picking ? "choosing" : attempt?.state}>
      <OrderSummary order={order} />
      {phase !== "payable" ? (
        <>
          <Separator />
          <OrderEnded reason={phase} returnUrl={order.returnUrl} />
        </>
      ) : (
        <>
          <div className="flex justify-center">
            <Countdown remaining={remaining} />
          </div>
          <Separator className="mt-5" />
          <div className="flex flex-col gap-4 px-6 pt-5 pb-7">
            {notice && (
              <Alert variant={notice.error ? "destructive" : "default"} role={notice.error ? "alert" : "status"}>
                <AlertDescription>{notice.text}</AlertDescription>
              </Alert>
            )}
            {picking ? (
              <ChannelPicker
                channels={order.channels}
                selected={selected}
                onSelect={setSelected}
                onPay={() => startPayment(selected)}
                starting={payment.starting}
                amount={formatMoney(order.amount, order.currency, locale)}
              />
            ) : attempt.state === "preparing" ? (
              <>
                <PreparingPanel />
                <AttemptActions onOtherMethod={chooseAnother} />
              </>
            ) : attempt.state === "failed" ? (
              <>
                <FailedPanel onRetry={() => startPayment(attempt.channel)} retrying={payment.starting} />
                <AttemptActions onOtherMethod={chooseAnother} />
              </>
            ) : (
              <>
                {payData?.type === "qr_code" ? (
                  <QrPanel payOrderNo={order.payOrderNo} attempt={attempt} codeUrl={payData.codeUrl} testMode={order.testMode} />
                ) : (
                  payData && <RedirectPanel attempt={attempt} url={payData.url} />
                )}
                <AttemptActions onCheck={() => check.mutate(input)} checking={check.isPending} onOtherMethod={chooseAnother} />
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}
