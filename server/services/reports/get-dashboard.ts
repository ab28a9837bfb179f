import { bucketLabels, granularityOf, type ReportRange } from "@/server/domain/report-range";
import { attemptsByChannel, figuresByChannel, seriesByBucket, topFailureReasons } from "./report-queries";
import type { ReportScope } from "./report-scope";

const REFUND_KINDS = new Set(["refund", "duplicate_refund"]);
/** Kinds a payment channel's figures are made of. */
const CHANNEL_KINDS = new Set(["payment", "refund", "duplicate_refund", "fee_adjustment"]);

export type ChannelFigures = {
  channel: string;
  orders: number;
  gmv: bigint;
  refunds: number;
  refundAmount: bigint;
  fee: bigint;
  subsidy: bigint;
  attempts: number;
  succeeded: number;
  failed: number;
  closed: number;
  /** Succeeded ÷ finished attempts (succeeded + failed + closed); null without a finished attempt. */
  successRate: number | null;
};

function ratio(part: number | bigint, whole: number | bigint): number | null {
  if (Number(whole) === 0) return null;
  return Number(part) / Number(whole);
}

/**
 * Everything the finance dashboard shows for a scope and range: headline figures, GMV/orders/refunds
 * per bucket (hourly for one day, daily otherwise), per-channel figures (mix, fees, subsidy, refunds,
 * success rate) and the top failure reasons. Four SQL aggregates, run side by side.
 */
export async function getDashboard(scope: ReportScope, range: ReportRange) {
  const [series, byChannel, attempts, failures] = await Promise.all([
    seriesByBucket(scope, range),
    figuresByChannel(scope, range),
    attemptsByChannel(scope, range),
    topFailureReasons(scope, range),
  ]);

  const buckets = new Map(bucketLabels(range).map((bucket) => [bucket, { bucket, gmv: 0n, orders: 0, refundAmount: 0n, refunds: 0 }]));
  for (const row of series) {
    const bucket = buckets.get(row.bucket);
    if (!bucket) continue;
    if (row.kind === "payment") {
      bucket.gmv += row.amount;
      bucket.orders += Number(row.count);
    } else if (REFUND_KINDS.has(row.kind)) {
      bucket.refundAmount -= row.amount;
      bucket.refunds += Number(row.count);
    }
  }

  const channels = new Map<string, ChannelFigures>();
  const channel = (name: string) => {
    let figures = channels.get(name);
    if (!figures) {
      figures = { channel: name, orders: 0, gmv: 0n, refunds: 0, refundAmount: 0n, fee: 0n, subsidy: 0n, attempts: 0, succeeded: 0, failed: 0, closed: 0, successRate: null };
      channels.set(name, figures);
    }
    return figures;
  };
  for (const row of byChannel) {
    // wallet and points movements are the trade center's (a top-up was counted as the payment that paid it)
    if (!CHANNEL_KINDS.has(row.kind)) continue;
    const figures = channel(row.channel);
    figures.fee += row.fee;
    figures.subsidy += row.subsidy;
    if (row.kind === "payment") {
      figures.orders += Number(row.count);
      figures.gmv += row.amount;
    } else if (REFUND_KINDS.has(row.kind)) {
      figures.refunds += Number(row.count);
      figures.refundAmount -= row.amount;
    }
  }
  for (const row of attempts) {
    const figures = channel(row.channel);
    const count = Number(row.count);
    figures.attempts += count;
    if (row.status === "SUCCEEDED") figures.succeeded += count;
    if (row.status === "FAILED") figures.failed += count;
    if (row.status === "CLOSED") figures.closed += count;
  }
  for (const figures of channels.values()) {
    figures.successRate = ratio(figures.succeeded, figures.succeeded + figures.failed + figures.closed);
  }

  const list = [...channels.values()].sort((a, b) => (b.gmv > a.gmv ? 1 : b.gmv < a.gmv ? -1 : a.channel.localeCompare(b.channel)));
  const sum = <K extends "gmv" | "refundAmount" | "fee" | "subsidy">(key: K) => list.reduce((total, c) => total + c[key], 0n);
  const count = <K extends "orders" | "refunds" | "attempts" | "succeeded" | "failed" | "closed">(key: K) => list.reduce((total, c) => total + c[key], 0);
  const gmv = sum("gmv");
  const orders = count("orders");
  const refundAmount = sum("refundAmount");
  const finished = count("succeeded") + count("failed") + count("closed");

  return {
    range,
    granularity: granularityOf(range),
    currency: scope.currency,
    totals: {
      gmv,
      orders,
      refundAmount,
      refunds: count("refunds"),
      refundRate: ratio(refundAmount, gmv),
      fee: sum("fee"),
      subsidy: sum("subsidy"),
      net: gmv - refundAmount - sum("fee"),
      averageTicket: orders > 0 ? gmv / BigInt(orders) : 0n,
      attempts: count("attempts"),
      successRate: ratio(count("succeeded"), finished),
    },
    series: [...buckets.values()],
    channels: list,
    failures: failures.map((f) => ({ channel: f.channel, code: f.code, message: f.message, count: Number(f.count) })),
    empty: orders === 0 && count("attempts") === 0 && refundAmount === 0n,
  };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
