import { sql } from "@/server/sql";

/**
 * The merchant's p99 amount of paid pay orders over the last 30 days and how many it is of, for abnormal_amount.
 * Cached per process for a few minutes: history moves slowly, and a percentile over 30 days is not a per-request query.
 */
const CACHE_MS = 5 * 60_000;
const DAYS = 30;

type Stats = { p99: bigint; samples: number };
const cache = new Map<string, { at: number; stats: Promise<Stats> }>();

async function fetchStats(merchantId: string, now: Date): Promise<Stats> {
  const since = new Date(now.getTime() - DAYS * 24 * 3_600_000);
  const { rows } = await sql<{ p99: bigint | null; samples: number }>(
    `SELECT percentile_disc(0.99) WITHIN GROUP (ORDER BY amount) AS p99, count(*)::int AS samples
       FROM "PayOrder"
      WHERE "merchantId" = $1 AND "paidAt" >= $2::timestamp AND status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')`,
    [merchantId, since],
  );
  return { p99: rows[0]?.p99 === null || rows[0]?.p99 === undefined ? 0n : BigInt(rows[0].p99), samples: rows[0]?.samples ?? 0 };
}

export function merchantAmountStats(merchantId: string, now = new Date()): Promise<Stats> {
  const hit = cache.get(merchantId);
  if (hit && now.getTime() - hit.at < CACHE_MS) return hit.stats;
  const stats = fetchStats(merchantId, now);
  cache.set(merchantId, { at: now.getTime(), stats });
  stats.catch(() => cache.delete(merchantId));
  return stats;
}

/** Tests and the what-if's "apply": forget the cached statistics. */
export function invalidateAmountStats(merchantId?: string): void {
  if (merchantId) cache.delete(merchantId);
  else cache.clear();
}
