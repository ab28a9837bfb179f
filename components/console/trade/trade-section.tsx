import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/console/order/section";
import { LiveRefresh } from "@/components/live/live-refresh";
import { tradePhase } from "@/components/live/phases";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatPoints } from "@/server/domain/asset-format";
import { formatMoney } from "@/server/domain/money";
import { knownMessage } from "@/server/i18n/known-message";
import type { ConsoleOrderTrades } from "@/server/services/buyers-console/order-trades";
import { serverCaller } from "@/server/trpc/server";
import { TradePartStatusBadge, TradeStatusBadge } from "./trade-status-badge";

/**
 * The order's trades (组合支付) on its console page, newest first: each trade's parts, the coordinator's
 * phase, why it failed, and its history. Renders nothing for an order that was never paid by a trade.
 * While a trade is open the page refreshes itself (as it does for refunds in flight).
 */
export async function TradeSection({ mchNo, orderNo }: { mchNo: string; orderNo: string }) {
  const caller = await serverCaller();
  const { trades, may } = await caller.buyers.orderTrades({ mchNo, orderNo });
  if (trades.length === 0) return null;
  const t = await getTranslations("trades");
  return (
    <Section title={t("title")} testId="order-trades">
      <div className="mb-3 empty:hidden">
        <LiveRefresh watch={trades.map((tr) => ({ kind: "trade", key: tr.tradeNo, phase: tradePhase(tr.status) }))} />
      </div>
      <div className="flex flex-col gap-6">
        {trades.map((trade) => (
          <TradeBlock key={trade.tradeId} trade={trade} mchNo={mchNo} buyerLink={may.viewBuyers} payOrderLink={may.viewPayOrders} />
        ))}
      </div>
    </Section>
  );
}

/** The coordinator's step names and failure reasons are English phrases: "channel paid" → the key "channel_paid". */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z]+/g, "_").replace(/^_|_$/g, "");
}

async function TradeBlock({ trade, mchNo, buyerLink, payOrderLink }: { trade: ConsoleOrderTrades["trades"][number]; mchNo: string; buyerLink: boolean; payOrderLink: boolean }) {
  const [t, locale, format] = await Promise.all([getTranslations("trades"), getLocale(), getFormatter()]);
  const money = (fen: bigint) => formatMoney(fen, "CNY", locale);
  const when = (at: Date | null) => (at ? format.dateTime(at, { dateStyle: "short", timeStyle: "medium" }) : "—");
  const facts: [string, React.ReactNode][] = [
    [t("tradeNo"), <span className="font-mono">{trade.tradeNo}</span>],
    [t("tradeId"), <span className="font-mono">{trade.tradeId}</span>],
    [t("buyer"), buyerLink ? <Link href={`/console/${mchNo}/buyers/${encodeURIComponent(trade.buyerId)}`} className="font-mono text-primary hover:underline">{trade.buyerId}</Link> : <span className="font-mono">{trade.buyerId}</span>],
    [t("deductMode"), t(`mode.${trade.deductMode}`)],
    [t("payable"), money(trade.payableAmount)],
    [t("source"), trade.source.startsWith("console:") ? t("sourceConsole") : knownMessage(t, `sources.${trade.source}`, trade.source)],
    [t("createdAt"), when(trade.createdAt)],
    [t("endedAt"), when(trade.endedAt)],
    [t("driveCount"), String(trade.driveCount)],
  ];
  return (
    <div className="flex flex-col gap-3 rounded-md border p-4" data-testid="trade" data-trade-id={trade.tradeId}>
      <div className="flex flex-wrap items-center gap-2">
        <TradeStatusBadge status={trade.status} phase={trade.phase} />
        {trade.failureReason && (
          <span className="text-sm text-destructive" data-testid="trade-failure">
            {knownMessage(t, `failures.${slug(trade.failureReason)}`, trade.failureReason)}
          </span>
        )}
      </div>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-5">
        {facts.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>

      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t("parts.instrument")}</TableHead>
            <TableHead className="text-right">{t("parts.amount")}</TableHead>
            <TableHead>{t("parts.detail")}</TableHead>
            <TableHead>{t("parts.status")}</TableHead>
            <TableHead className="text-right">{t("parts.refunded")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {trade.parts.map((part, index) => (
            <TableRow key={index} data-testid="trade-part">
              <TableCell>{t(`instrument.${part.instrument}`)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(part.amount)}</TableCell>
              <TableCell className="text-xs">
                {"couponNo" in part && part.couponNo && <span className="font-mono">{part.couponNo}</span>}
                {"points" in part && part.points !== undefined && t("parts.points", { points: formatPoints(part.points, locale) })}
                {"payOrderNo" in part &&
                  part.payOrderNo &&
                  (payOrderLink ? (
                    <Link href={`/console/${mchNo}/pay-orders/${part.payOrderNo}`} className="font-mono text-primary hover:underline">
                      {part.payOrderNo}
                    </Link>
                  ) : (
                    <span className="font-mono">{part.payOrderNo}</span>
                  ))}
              </TableCell>
              <TableCell>
                <TradePartStatusBadge status={part.status} />
              </TableCell>
              <TableCell className="text-right tabular-nums text-muted-foreground">{"refundedAmount" in part && part.refundedAmount ? money(part.refundedAmount) : "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <details className="text-sm" open={trade.status !== "SUCCEEDED"}>
        <summary className="cursor-pointer text-muted-foreground">{t("history.title", { count: trade.steps.length })}</summary>
        <Table className="mt-2">
          <TableHeader>
            <TableRow>
              <TableHead>{t("history.at")}</TableHead>
              <TableHead>{t("history.step")}</TableHead>
              <TableHead>{t("history.part")}</TableHead>
              <TableHead>{t("history.detail")}</TableHead>
              <TableHead>{t("history.ok")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {trade.steps.map((step, index) => {
              const instrument = step.partNo !== null ? trade.partInstruments[step.partNo] : undefined;
              return (
                <TableRow key={index} data-testid="trade-step">
                  <TableCell className="whitespace-nowrap text-xs tabular-nums">{when(step.at)}</TableCell>
                  <TableCell className="whitespace-nowrap">{knownMessage(t, `steps.${slug(step.step)}`, step.step)}</TableCell>
                  <TableCell className="whitespace-nowrap text-xs">{instrument ? t(`instrument.${instrument}`) : step.partNo !== null ? `#${step.partNo}` : "—"}</TableCell>
                  <TableCell className="max-w-96 break-all text-xs text-muted-foreground">{step.detail ? knownMessage(t, `instrument.${step.detail}`, step.detail) : ""}</TableCell>
                  <TableCell className={cn("text-xs", !step.ok && "font-medium text-destructive")}>{step.ok ? t("history.yes") : t("history.no")}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </details>
    </div>
  );
}
