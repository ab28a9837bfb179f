"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, CircleX, Hourglass, Printer, Ban } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { channelName } from "@/components/channels/channel-name";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/domain/money";
import type { PosFailureReason, PosStatus } from "@/server/domain/pos-schema";
import { posErrorMessage } from "./pos-helpers";
import { PosReceipt, type ReceiptPayment } from "./pos-receipt";

export type ResultPayment = ReceiptPayment & { status: PosStatus; reason: PosFailureReason | null; payOrderNo: string | null };

/** While the payer confirms on the phone, the payment is asked for this often (the barcode loop settles it in the background). */
export const PAYMENT_POLL_MS = 1_500;

const LOOK = {
  waiting: { icon: Hourglass, tone: "text-warning-foreground", key: "waitingLong" },
  paid: { icon: CircleCheck, tone: "text-success", key: "paid" },
  failed: { icon: CircleX, tone: "text-destructive", key: "failed" },
  cancelled: { icon: Ban, tone: "text-muted-foreground", key: "cancelled" },
} as const;

/**
 * The payment after the scan: it follows itself while waiting (PROCESSING → paid / failed / cancelled), offers to
 * cancel a waiting one, to print the receipt of a paid one, to scan again after a refusal, and the next payment.
 */
export function PaymentResult(props: {
  mchNo: string;
  initial: ResultPayment;
  merchantName: string;
  cashierName: string;
  onNext: () => void;
  onRescan: () => void;
}) {
  const { mchNo, initial } = props;
  const t = useTranslations("pos");
  const tc = useTranslations("channel");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    ...trpc.pos.payment.queryOptions({ mchNo, orderNo: initial.orderNo }),
    initialData: initial as never,
    refetchInterval: (query) => ((query.state.data as ResultPayment | undefined)?.status === "waiting" ? PAYMENT_POLL_MS : false),
  });
  const payment = (data ?? initial) as ResultPayment;
  const cancel = useMutation(trpc.pos.cancel.mutationOptions());
  const [cancelError, setCancelError] = useState<string | null>(null);

  // the takings change when a payment ends
  useEffect(() => {
    if (payment.status !== "waiting") void queryClient.invalidateQueries({ queryKey: trpc.pos.takings.queryKey() });
  }, [payment.status, queryClient, trpc]);

  const look = LOOK[payment.status];
  const Icon = look.icon;
  return (
    <div className="flex flex-col gap-4" data-testid="pos-result" data-status={payment.status}>
      <div className="flex flex-col items-center gap-2 py-2 text-center print:hidden">
        <Icon className={`size-14 ${look.tone} ${payment.status === "waiting" ? "animate-pulse" : ""}`} aria-hidden />
        <p className={`text-2xl font-semibold ${look.tone}`} data-testid="pos-status">
          {t(`status.${look.key}`)}
        </p>
        <p className="text-3xl font-bold tabular-nums">{formatMoney(payment.amount, payment.currency, locale)}</p>
        {payment.channel && <p className="text-sm text-muted-foreground">{channelName(tc, payment.channel)}</p>}
        {payment.status === "waiting" && <p className="text-sm text-muted-foreground">{t("status.waitingHint")}</p>}
        {payment.reason && (
          <p className="text-sm text-destructive" data-testid="pos-reason">
            {t(`reasons.${payment.reason}`)}
          </p>
        )}
      </div>
      {cancelError && (
        <Alert variant="destructive" className="print:hidden">
          <AlertDescription>{cancelError}</AlertDescription>
        </Alert>
      )}
      {payment.status === "paid" && <PosReceipt payment={payment} merchantName={props.merchantName} cashierName={props.cashierName} />}
      <div className="flex flex-col gap-2 print:hidden">
        {payment.status === "paid" && (
          <Button type="button" variant="outline" size="lg" onClick={() => window.print()}>
            <Printer />
            {t("actions.print")}
          </Button>
        )}
        {payment.status === "failed" && (
          <Button type="button" variant="outline" size="lg" onClick={props.onRescan}>
            {t("scan.title")}
          </Button>
        )}
        {payment.status === "waiting" ? (
          <AlertDialog>
            <AlertDialogTrigger asChild>
              <Button type="button" variant="outline" size="lg" className="text-destructive" disabled={cancel.isPending}>
                {t("actions.cancel")}
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>{t("actions.cancel")}</AlertDialogTitle>
                <AlertDialogDescription>{t("actions.cancelConfirm")}</AlertDialogDescription>
              </AlertDialogHeader>
              <AlertDialogFooter>
                <AlertDialogCancel>{t("actions.close")}</AlertDialogCancel>
                <AlertDialogAction
                  onClick={async () => {
                    setCancelError(null);
                    try {
                      const after = await cancel.mutateAsync({ mchNo, orderNo: payment.orderNo });
                      queryClient.setQueryData(trpc.pos.payment.queryKey({ mchNo, orderNo: payment.orderNo }), after);
                    } catch (error) {
                      setCancelError(posErrorMessage(t, error));
                    }
                  }}
                >
                  {t("actions.cancel")}
                </AlertDialogAction>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
        ) : (
          <Button type="button" size="lg" onClick={props.onNext} data-testid="pos-next" autoFocus>
            {t("actions.next")}
          </Button>
        )}
      </div>
    </div>
  );
}
