import { db } from "@/server/db";
import { rangeBounds } from "@/server/domain/report-range";
import { utc } from "@/server/services/ledger/ledger-where";

type Row = { currency: string; channel: string; channelAccountId: string; kind: string; count: bigint; amount: bigint; fee: bigint; net: bigint };

type Figures = {
  paymentCount: number;
  paymentAmount: bigint;
  refundCount: number;
  refundAmount: bigint;
  feeAmount: bigint;
  netAmount: bigint;
};

const empty = (): Figures => ({ paymentCount: 0, paymentAmount: 0n, refundCount: 0, refundAmount: 0n, feeAmount: 0n, netAmount: 0n });

function add(figures: Figures, row: Row) {
  if (row.kind === "payment") {
    figures.paymentCount += Number(row.count);
    figures.paymentAmount += row.amount;
  } else if (row.kind === "refund" || row.kind === "duplicate_refund") {
    figures.refundCount += Number(row.count);
    figures.refundAmount -= row.amount;
  }
  figures.feeAmount += row.fee;
  figures.netAmount += row.net;
}

/**
 * GET /api/v1/settlement/daily — one app's journal for one day (China Standard Time), per currency
 * and per channel account, for the settlement center: payments, refunds (incl. duplicate-payment
 * refunds), fees (net of fees returned) and the net the merchant is owed. Read from the hourly rollup,
 * which is written in the same transaction as the journal, so the figures equal the sum of the
 * day's entries (a settlement payout is not takings: left out). `final` is false while the day is not over (later movements still add to it).
 */
export async function dailySettlementSummary(appId: string, date: string, now = new Date()) {
  const { start, end } = rangeBounds({ from: date, to: date });
  const rows = await db.$queryRaw<Row[]>`
    SELECT "currency", "channel", "channelAccountId", "kind", sum("entries")::bigint AS count,
           sum("amount")::bigint AS amount, sum("fee")::bigint AS fee, sum("net")::bigint AS net
    FROM "LedgerRollupHourly"
    WHERE "appId" = ${appId} AND "hour" >= ${utc(start)} AND "hour" < ${utc(end)} AND "kind" <> 'settlement_payout'
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
  const currencies = new Map<string, Figures & { currency: string; channels: Map<string, Figures & { channel: string; channelAccountId: string }> }>();
  for (const row of rows) {
    const currency = row.currency.trim();
    let summary = currencies.get(currency);
    if (!summary) currencies.set(currency, (summary = { currency, ...empty(), channels: new Map() }));
    add(summary, row);
    let channel = summary.channels.get(row.channelAccountId);
    if (!channel) summary.channels.set(row.channelAccountId, (channel = { channel: row.channel, channelAccountId: row.channelAccountId, ...empty() }));
    add(channel, row);
  }
  return {
    appId,
    date,
    timeZone: "Asia/Shanghai",
    from: start,
    to: end,
    final: now >= end,
    summaries: [...currencies.values()].map(({ channels, ...summary }) => ({ ...summary, channels: [...channels.values()] })),
  };
}
