"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Separator } from "@/components/ui/separator";
import { formatMoney } from "@/server/domain/money";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";
import { ChannelPicker } from "./channel-picker";
import { Countdown, useRemaining } from "./countdown";
import { OrderEnded } from "./order-ended";
import { OrderSummary } from "./order-summary";
import { OrderTrade } from "./order-trade";
import { AppliedParts, TradeHeld, TradeReleased } from "./trade-cards";
import { PaidReceipt } from "./paid-receipt";
import { AttemptActions, FailedPanel, FormPanel, PreparingPanel, QrPanel, RedirectPanel } from "./payment-panels";
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
  // an order's own pay order closed by a trade that was not paid: the order can still be paid with a new trade, until its deadline
  const tradeAgain = order.kind === "order" && order.phase !== "payable" && order.phase !== "paid" && !!order.order?.tradeable;
  const remaining = useRemaining(tradeAgain && order.order?.deadline ? order.order.deadline : order.expiresAt, clockOffset);
  const [choosing, setChoosing] = useState(false);
  const [selected, setSelected] = useState(order.preselected);
  const [notice, setNotice] = useState<Notice | null>(null);

  const show = (next: CashierOrder) => queryClient.setQueryData(queryKey, next);
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey }), [queryClient, queryKey]);
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
    if (initial.attempt?.state === "waiting" && (initial.attempt.payData?.type === "redirect" || initial.attempt.payData?.type === "form")) checkNow({ payOrderNo: initial.payOrderNo });
  }, [initial, checkNow]);

  const phase = (order.phase === "payable" || tradeAgain) && remaining <= 0 ? "expired" : order.phase;
  // an order paid by a trade (its own pay order was closed by it) gets its receipt too
  if (phase === "paid" || (order.kind === "order" && order.trade?.status === "SUCCEEDED")) return <PaidReceipt order={order} />;

  const attempt = order.attempt;
  const payData = attempt?.state === "waiting" ? attempt.payData : null;
  const picking = choosing || !attempt || (attempt.state === "waiting" && !payData);
  const heldBy = order.kind === "order" && order.trade?.status === "PENDING" ? order.trade : null;
  const released = order.kind === "trade" && phase !== "payable" && order.trade ? order.trade : null;
  const tradeable = order.kind === "order" && !!order.order?.tradeable;

  function channelPicker() {
    return (
      <ChannelPicker
        channels={order.channels}
        selected={selected}
        onSelect={setSelected}
        onPay={() => startPayment(selected)}
        starting={payment.starting}
        amount={formatMoney(order.amount, order.currency, locale)}
      />
    );
  }

  function tradePanel(picker: ReactNode | null) {
    return (
      <OrderTrade
        payOrderNo={order.payOrderNo}
        picker={picker}
        onStale={refresh}
        onTrade={(trade) => {
          if (trade.channelPayOrderNo && trade.status === "PENDING") window.location.assign(`/pay/${trade.channelPayOrderNo}`);
          else refresh();
        }}
      />
    );
  }

  return (
    <div data-testid="cashier" data-phase={phase} data-kind={order.kind} data-attempt={picking ? "choosing" : attempt?.state}>
      <OrderSummary order={order} />
      {heldBy ? (
        <>
          <Separator />
          <TradeHeld order={order} trade={heldBy} onEnded={refresh} />
        </>
      ) : released ? (
        <>
          <Separator />
          <TradeReleased order={order} trade={released} onEnded={refresh} />
        </>
      ) : tradeAgain && phase !== "expired" ? (
        <>
          <div className="flex justify-center">
            <Countdown remaining={remaining} />
          </div>
          <Separator className="mt-5" />
          <div className="flex flex-col gap-4 px-6 pt-5 pb-7">{tradePanel(null)}</div>
        </>
      ) : phase !== "payable" ? (
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
              tradeable ? (
                tradePanel(channelPicker())
              ) : order.kind === "trade" ? (
                <>
                  <AppliedParts order={order} />
                  {channelPicker()}
                </>
              ) : (
                channelPicker()
              )
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
                ) : payData?.type === "form" ? (
                  <FormPanel attempt={attempt} action={payData.action} fields={payData.fields} />
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
