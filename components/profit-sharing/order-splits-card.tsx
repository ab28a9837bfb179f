"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { channelMessage } from "@/server/i18n/channel-message";
import { useEffect, useRef } from "react";
import { Section } from "@/components/console/order/section";
import { liveRefetchInterval } from "@/components/live/live-interval";
import { useEndedToasts } from "@/components/live/live-refresh";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import { maskAccount, splitsInMotion } from "@/server/domain/profit-sharing-form";
import { ReceiverResultBadge, ReturnStatusBadge, SplitStatusBadge } from "./ps-badges";
import { SplitDialog } from "./split-dialog";
import type { OrderSplits } from "./types";

/**
 * The "分账" card of a pay order flagged for sharing: frozen or released, what can still be split, each split with its
 * receivers' results at the channel, and the returns made before refunds. Polls every two seconds
 * while anything is in flight (react-query refetchInterval) and stops once everything has settled.
 */
export function OrderSplitsCard({
  mchNo,
  initial,
  receivers,
  maySplit,
}: {
  mchNo: string;
  initial: OrderSplits;
  receivers: { id: string; label: string }[];
  maySplit: boolean;
}) {
  const t = useTranslations("profitSharing");
  const tMessage = useTranslations("channelMessages");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.profitSharing.orderSplits.queryOptions({ mchNo, payOrderNo: initial.order.payOrderNo }),
    initialData: initial,
    refetchInterval: liveRefetchInterval(splitsInMotion),
  });
  const { order, splits, returns } = query.data;
  useEndedToasts(splits.map((s) => ({ kind: "profitSharing", key: s.splitNo, phase: s.status === "FINISHED" ? "succeeded" : s.status === "FAILED" ? "failed" : "pending" })));
  // once everything has settled, the rest of the page (journal, amounts) is re-read from the server
  const router = useRouter();
  const moving = splitsInMotion(query.data);
  const wasMoving = useRef(moving);
  useEffect(() => {
    if (wasMoving.current && !moving) router.refresh();
    wasMoving.current = moving;
  }, [moving, router]);
  const money = (fen: number) => formatMoney(fen, order.currency, locale);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" });
  const open = order.profitSharing && !order.splitFinishedAt;
  const canSplit = maySplit && open && (order.status === "PAID" || order.status === "PARTIALLY_REFUNDED") && order.splittableAmount > 0;

  return (
    <Section
      title={t("order.title")}
      testId="order-splits"
      actions={canSplit ? <SplitDialog mchNo={mchNo} payOrderNo={order.payOrderNo} receivers={receivers} splittableLabel={money(order.splittableAmount)} /> : undefined}
    >
      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
        {order.splitFinishedAt ? (
          <Badge variant="success" data-testid="split-freeze" title={when(order.splitFinishedAt)}>
            {t("order.unfrozen")}
          </Badge>
        ) : (
          <Badge variant="warning" data-testid="split-freeze">
            {t("order.frozen")}
          </Badge>
        )}
        {!order.splitFinishedAt && (
          <span className="tabular-nums" data-testid="splittable">
            {t("order.splittable", { amount: money(order.splittableAmount) })}
          </span>
        )}
        <span className="tabular-nums text-muted-foreground">{t("order.splitTotal", { amount: money(order.splitAmount) })}</span>
        {moving && <span className="text-xs text-muted-foreground">{t("order.refreshing")}</span>}
      </div>
      {splits.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("order.empty")}</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("order.splitNo")}</TableHead>
              <TableHead>{t("order.source")}</TableHead>
              <TableHead className="text-right">{t("order.amount")}</TableHead>
              <TableHead>{t("order.status")}</TableHead>
              <TableHead>{t("order.receivers")}</TableHead>
              <TableHead>{t("order.createdAt")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {splits.map((s) => (
              <TableRow key={s.splitNo} data-testid="split-row" data-split-no={s.splitNo} className="align-top">
                <TableCell className="font-mono text-xs">
                  <div>{s.splitNo}</div>
                  {s.kind === "UNFREEZE" ? (
                    <div className="text-muted-foreground">{t("kinds.UNFREEZE")}</div>
                  ) : (
                    s.finish && <div className="text-muted-foreground">+ {t("order.finish")}</div>
                  )}
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs">{t(`sources.${s.source}` as "sources.AUTO")}</TableCell>
                <TableCell className="whitespace-nowrap text-right tabular-nums">{money(s.amount)}</TableCell>
                <TableCell className="text-xs">
                  <div className="flex flex-col gap-1">
                    <SplitStatusBadge status={s.status} />
                    {s.status === "FAILED" && s.failureMessage && <span className="max-w-48 text-destructive">{t("order.failReason", { reason: channelMessage(tMessage, s.failureMessage) })}</span>}
                  </div>
                </TableCell>
                <TableCell className="text-xs">
                  <ul className="flex min-w-56 flex-col gap-1.5">
                    {s.receivers.map((r) => (
                      <li key={r.id} className="flex flex-wrap items-center gap-x-2 gap-y-0.5" data-testid="split-receiver">
                        <span className="max-w-40 truncate">{r.name ?? maskAccount(r.account)}</span>
                        <span className="tabular-nums">{money(r.amount)}</span>
                        <ReceiverResultBadge result={r.result} />
                        {r.returnedAmount > 0 && (
                          <span className="text-muted-foreground">
                            {t("order.returns")} {money(r.returnedAmount)}
                          </span>
                        )}
                        {r.failReason && <span className="basis-full text-destructive">{t("order.failReason", { reason: channelMessage(tMessage, r.failReason) })}</span>}
                      </li>
                    ))}
                  </ul>
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{when(s.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {returns.length > 0 && (
        <div className="mt-4">
          <h3 className="mb-2 text-sm font-medium">{t("order.returns")}</h3>
          <ul className="flex flex-col gap-1.5 text-xs">
            {returns.map((r) => (
              <li key={r.returnNo} className="flex flex-wrap items-center gap-x-3 gap-y-0.5" data-testid="split-return">
                <span className="font-mono">{t("order.returnLine", { returnNo: r.returnNo, amount: money(r.amount) })}</span>
                <ReturnStatusBadge status={r.status} />
                {r.refundNo && <span className="text-muted-foreground">{t("order.refunding", { refundNo: r.refundNo })}</span>}
                {r.failReason && <span className="text-destructive">{t("order.failReason", { reason: channelMessage(tMessage, r.failReason) })}</span>}
                <span className="text-muted-foreground">{when(r.createdAt)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
