import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { channelMessage } from "@/server/i18n/channel-message";
import { Fragment } from "react";
import { channelName } from "@/components/channels/channel-name";
import { RouteDecision } from "@/components/routing/route-decision";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import { StatusBadge } from "@/components/shell/status-badge";
import { Section } from "./section";
import type { PayOrderDetail } from "./types";

/** Every attempt of the order at a channel, in order. */
export async function AttemptsSection({ order }: { order: PayOrderDetail["order"] }) {
  const [t, tChannel, tMessage, locale, format] = await Promise.all([getTranslations("orderDetail"), getTranslations("channel"), getTranslations("channelMessages"), getLocale(), getFormatter()]);
  return (
    <Section title={t("attempts")} testId="order-attempts">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t("attemptNo")}</TableHead>
            <TableHead>{t("account")}</TableHead>
            <TableHead>{t("mode")}</TableHead>
            <TableHead>{t("channelTradeNo")}</TableHead>
            <TableHead className="text-right">{t("fee")}</TableHead>
            <TableHead>{t("createdAt")}</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {order.payments.map((p) => (
            <Fragment key={p.attemptNo}>
              <TableRow>
                <TableCell className="font-mono text-xs">{p.attemptNo}</TableCell>
                <TableCell className="text-xs">
                  <div>{channelName(tChannel, p.channel)}</div>
                  <div className="text-muted-foreground">{p.channelAccount.name}</div>
                </TableCell>
                <TableCell className="text-xs">{p.mode}</TableCell>
                <TableCell className="font-mono text-xs">{p.channelTradeNo ?? "—"}</TableCell>
                <TableCell className="text-right tabular-nums">{p.feeAmount === null ? "—" : formatMoney(p.feeAmount, p.currency, locale)}</TableCell>
                <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{format.dateTime(p.createdAt, { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                <TableCell className="text-xs">
                  <div className="flex flex-col gap-1">
                    <StatusBadge kind="paymentStatus" status={p.status} />
                    {p.duplicate && <span className="text-warning-foreground">{t("duplicate")}</span>}
                    {p.failureMessage && (
                      <span className="max-w-56 text-destructive" title={p.failureCode ? `${p.failureCode}: ${p.failureMessage}` : p.failureMessage}>
                        {channelMessage(tMessage, p.failureMessage, p.failureCode)}
                      </span>
                    )}
                  </div>
                </TableCell>
              </TableRow>
              {p.routeDecision !== null && (
                <TableRow className="hover:bg-transparent">
                  <TableCell colSpan={7} className="bg-muted/30">
                    <details>
                      <summary className="cursor-pointer text-xs text-muted-foreground">{t("routeDecision")}</summary>
                      <div className="mt-2">
                        <RouteDecision decision={p.routeDecision} compact />
                      </div>
                    </details>
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}
