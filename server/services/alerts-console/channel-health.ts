import { db } from "@/server/db";
import { addHistograms, histogramQuantile, wholePercent } from "@/server/domain/channel-metrics";

export type HealthRange = "hour" | "day";
const RANGE_MS: Record<HealthRange, number> = { hour: 60 * 60_000, day: 24 * 60 * 60_000 };
const TOP_ERRORS = 3;
/** Operators see the busiest accounts of every merchant, at most this many. */
const MAX_ACCOUNTS = 30;

export type ChannelHealth = {
  channelAccountId: string;
  name: string;
  channel: string;
  merchant: { mchNo: string; name: string } | null;
  succeeded: number;
  failed: number;
  started: number;
  /** Whole percent of ended attempts that succeeded; null with none ended. */
  successRate: number | null;
  /** Milliseconds, the histogram slot's upper bound; "over": past the last bound; null: nothing measured. */
  p95LatencyMs: number | "over" | null;
  p95CallbackDelayMs: number | "over" | null;
  callbacks: number;
  calls: number;
  callErrors: number;
  topErrors: { code: string; count: number }[];
};
/** One point per 5-minute bucket and account: success rate (whole percent) or null with nothing ended. */
export type HealthPoint = { bucket: Date; rates: Record<string, number | null> };

function p95(histogram: number[]): number | "over" | null {
  const q = histogramQuantile(histogram, 0.95);
  return q === Infinity ? "over" : q;
}

/**
 * Channel health per channel account from ChannelMetricBucket over the last hour or day: success rate, p95 latency
 * of channel calls, p95 callback delay, top error codes, and the 5-minute series of success rates. merchantId null:
 * every merchant (operators).
 */
export async function getChannelHealth(merchantId: string | null, range: HealthRange, now = new Date()): Promise<{ accounts: ChannelHealth[]; series: HealthPoint[]; since: Date }> {
  const since = new Date(now.getTime() - RANGE_MS[range]);
  const buckets = await db.channelMetricBucket.findMany({
    where: { ...(merchantId ? { merchantId } : {}), bucket: { gte: since } },
    orderBy: { bucket: "asc" },
  });
  const byAccount = new Map<string, { channel: string; merchantId: string; succeeded: number; failed: number; started: number; calls: number; callErrors: number; callbacks: number; latency: number[]; callback: number[]; errors: Map<string, number> }>();
  for (const b of buckets) {
    let acc = byAccount.get(b.channelAccountId);
    if (!acc) {
      acc = { channel: b.channel, merchantId: b.merchantId, succeeded: 0, failed: 0, started: 0, calls: 0, callErrors: 0, callbacks: 0, latency: [], callback: [], errors: new Map() };
      byAccount.set(b.channelAccountId, acc);
    }
    acc.succeeded += b.succeeded;
    acc.failed += b.failed;
    acc.started += b.started;
    acc.calls += b.calls;
    acc.callErrors += b.callErrors;
    acc.callbacks += b.callbacks;
    acc.latency = addHistograms(acc.latency, b.latencyHist);
    acc.callback = addHistograms(acc.callback, b.callbackHist);
    for (const [code, count] of Object.entries((b.errorCodes ?? {}) as Record<string, unknown>)) if (typeof count === "number") acc.errors.set(code, (acc.errors.get(code) ?? 0) + count);
  }
  const ids = [...byAccount.entries()].sort((a, b) => b[1].started + b[1].succeeded + b[1].failed - (a[1].started + a[1].succeeded + a[1].failed)).slice(0, MAX_ACCOUNTS).map(([id]) => id);
  const [accounts, merchants] = await Promise.all([
    db.channelAccount.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    merchantId ? Promise.resolve([]) : db.merchant.findMany({ where: { id: { in: ids.map((id) => byAccount.get(id)!.merchantId) } }, select: { id: true, mchNo: true, name: true } }),
  ]);
  const health = ids.map((id): ChannelHealth => {
    const a = byAccount.get(id)!;
    const merchant = merchants.find((m) => m.id === a.merchantId);
    return {
      channelAccountId: id,
      name: accounts.find((c) => c.id === id)?.name ?? id,
      channel: a.channel,
      merchant: merchant ? { mchNo: merchant.mchNo, name: merchant.name } : null,
      succeeded: a.succeeded,
      failed: a.failed,
      started: a.started,
      successRate: wholePercent(a.succeeded, a.succeeded + a.failed),
      p95LatencyMs: p95(a.latency),
      p95CallbackDelayMs: p95(a.callback),
      callbacks: a.callbacks,
      calls: a.calls,
      callErrors: a.callErrors,
      topErrors: [...a.errors.entries()].sort((x, y) => y[1] - x[1]).slice(0, TOP_ERRORS).map(([code, count]) => ({ code, count })),
    };
  });
  const points = new Map<number, HealthPoint>();
  for (const b of buckets) {
    if (!ids.includes(b.channelAccountId)) continue;
    const key = b.bucket.getTime();
    const point = points.get(key) ?? { bucket: b.bucket, rates: {} };
    point.rates[b.channelAccountId] = wholePercent(b.succeeded, b.succeeded + b.failed);
    points.set(key, point);
  }
  return { accounts: health, series: [...points.values()], since };
}
