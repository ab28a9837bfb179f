import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Empty, Section } from "@/components/console/order/section";
import { TradeStatusBadge } from "@/components/console/trade/trade-status-badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatPoints } from "@/server/domain/asset-format";
import { formatMoney } from "@/server/domain/money";
import type { listBuyerTrades } from "@/server/services/buyers-console/list-buyer-trades";

type Trades = Awaited<ReturnType<typeof listBuyerTrades>>;

/** The buyer's newest trades: how each split its order, how it ended; the order's page has the details. */
export async function BuyerTrades({ mchNo, trades }: { mchNo: string; trades: Trades }) {
  const [t, tt, locale, format] = await Promise.all([getTranslations("buyers"), getTranslations("trades"), getLocale(), getFormatter()]);
  const money = (fen: bigint) => formatMoney(fen, "CNY", locale);
  return (
    <Section title={t("trades.title")} testId="buyer-trades">
      {trades.length === 0 ? (
        <Empty>{t("trades.empty")}</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{tt("tradeNo")}</TableHead>
              <TableHead>{t("trades.order")}</TableHead>
              <TableHead className="text-right">{tt("payable")}</TableHead>
              <TableHead>{t("trades.split")}</TableHead>
              <TableHead>{tt("parts.status")}</TableHead>
              <TableHead>{tt("createdAt")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {trades.map((trade) => (
              <TableRow key={trade.tradeId} data-testid="buyer-trade-row">
                <TableCell className="font-mono text-xs">
                  <div>{trade.tradeNo}</div>
                  <div className="text-muted-foreground">{trade.tradeId}</div>
                </TableCell>
                <TableCell className="font-mono text-xs">
                  <Link href={`/console/${mchNo}/orders/${trade.orderNo}`} className="text-primary hover:underline">
                    {trade.orderNo}
                  </Link>
                </TableCell>
                <TableCell className="text-right tabular-nums">{money(trade.payableAmount)}</TableCell>
                <TableCell className="text-xs">
                  {[
                    trade.couponAmount > 0n && `${tt("instrument.coupon")} ${money(trade.couponAmount)}`,
                    trade.points > 0n && `${tt("instrument.points")} ${t("pointsValue", { points: formatPoints(trade.points, locale) })}`,
                    trade.walletAmount > 0n && `${tt("instrument.wallet")} ${money(trade.walletAmount)}`,
                    trade.channelAmount > 0n && `${tt("instrument.channel")} ${money(trade.channelAmount)}`,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </TableCell>
                <TableCell>
                  <TradeStatusBadge status={trade.status} phase={trade.phase} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{format.dateTime(trade.createdAt, { dateStyle: "short", timeStyle: "short" })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
