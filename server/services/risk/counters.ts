import { createHash } from "node:crypto";
import { type CounterNeed, bucketStart, grainOf, windowKey, windowSince } from "@/server/domain/risk-windows";
import type { RiskCheckpoint } from "@/server/domain/risk-rule-schema";
import { sql } from "@/server/sql";

/**
 * Velocity and limit counters in PostgreSQL (RiskCounter, docs/adr/0018), so every web node counts the same events.
 * One statement per check adds this event (count 1, its amount) to the current bucket of every grain a live rule
 * needs and reads each window back: the current bucket from RETURNING (after the row lock, so concurrent checks see
 * 1, 2, 3, … exactly) plus the older buckets of the window.
 */

export type CounterScope = { merchantId: string; checkpoint: RiskCheckpoint };
export type WindowTotals = Map<string, { count: number; amount: bigint }>;

/** Values are hashed: the key holds no phone or address, and stays short. */
export function counterKey(scope: CounterScope, dimension: string, value: string): string {
  const digest = createHash("sha256").update(value).digest("base64url").slice(0, 22);
  return `${scope.merchantId}|${scope.checkpoint}|${dimension}|${digest}`;
}

type Bucket = { key: string; grain: string; bucket: string };

/**
 * The merchant dimension is one row that every create of the merchant updates: it is spread over this many rows (a
 * shard picked at random per event) and read as their sum, so creates do not queue on one row lock. The shard written
 * is exact (read after its lock); the other shards are read as committed, so under a burst a merchant-wide limit may
 * be passed by the checks in flight (docs/adr/0018). Every other dimension is one row per value and exact.
 */
export const MERCHANT_SHARDS = 8;

function shardKeys(dimension: string, key: string): string[] {
  return dimension === "merchant" ? Array.from({ length: MERCHANT_SHARDS }, (_, n) => `${key}#${n}`) : [key];
}

function buckets(scope: CounterScope, needs: readonly CounterNeed[], at: Date) {
  const writes = new Map<string, Bucket>();
  const reads: { key: string; grain: string; since: string; i: number }[] = [];
  const names: string[] = [];
  needs.forEach((need, index) => {
    const keys = shardKeys(need.dimension, counterKey(scope, need.dimension, need.value));
    const written = keys[Math.floor(Math.random() * keys.length)]!;
    const grain = grainOf(need.window);
    const bucket = bucketStart(at, grain).toISOString();
    // two windows of one dimension and grain write one row: the same shard for both
    const id = `${keys[0]}/${grain}`;
    const row = writes.get(id) ?? { key: written, grain, bucket };
    writes.set(id, row);
    const since = windowSince(at, need.window).toISOString();
    for (const key of keys) reads.push({ key: key === written ? row.key : key === row.key ? written : key, grain, since, i: index + 1 });
    names.push(windowKey(need.dimension, need.window));
  });
  // rows locked in one order (key, grain) by every check, so two checks sharing two counters cannot deadlock
  const sorted = [...writes.values()].sort((a, b) => (a.key === b.key ? a.grain.localeCompare(b.grain) : a.key < b.key ? -1 : 1));
  return { writes: sorted, reads, names };
}

// synchronous_commit off for this statement's own transaction only (set_config(…, true)): counters are risk signals,
// not money, and a crash may lose the last few hundred milliseconds of them (docs/adr/0018); nobody waits for the disk.
const COUNT_STATEMENT = `
WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true)),
up AS (
  INSERT INTO "RiskCounter" (key, grain, bucket, count, amount, "updatedAt")
  SELECT w.key, w.grain, w.bucket, 1, $4::bigint, $5::timestamp
    FROM unnest($1::text[], $2::text[], $3::timestamp[]) WITH ORDINALITY AS w(key, grain, bucket, n)
   ORDER BY w.n
  ON CONFLICT (key, grain, bucket) DO UPDATE
    SET count = "RiskCounter".count + 1, amount = "RiskCounter".amount + EXCLUDED.amount, "updatedAt" = EXCLUDED."updatedAt"
  RETURNING key, grain, bucket, count, amount
),
per_row AS (
  -- the row written: its locked value now plus its older buckets; any other shard: what is committed in the window
  SELECT r.i, COALESCE(up.count, 0) + COALESCE(old.count, 0) AS count, COALESCE(up.amount, 0) + COALESCE(old.amount, 0) AS amount
    FROM unnest($6::text[], $7::text[], $8::timestamp[], $9::int[]) AS r(key, grain, since, i)
    LEFT JOIN up ON up.key = r.key AND up.grain = r.grain
    LEFT JOIN LATERAL (
      SELECT SUM(c.count) AS count, SUM(c.amount) AS amount FROM "RiskCounter" c
       WHERE c.key = r.key AND c.grain = r.grain AND c.bucket >= r.since AND (up.bucket IS NULL OR c.bucket < up.bucket)
    ) old ON true
)
SELECT p.i::int AS i, SUM(p.count)::int AS count, SUM(p.amount)::bigint AS amount
  FROM per_row p CROSS JOIN async_commit
 GROUP BY p.i`;

/**
 * Counts this event into every needed bucket and returns each window's total (this event included), by
 * windowKey(dimension, window). One statement, outside any transaction (autocommit), so the row lock of a hot
 * counter is held for the statement only. Nothing is sent when no rule needs a counter.
 */
export async function countAndRead(scope: CounterScope, needs: readonly CounterNeed[], at: Date, amount: bigint): Promise<WindowTotals> {
  const totals: WindowTotals = new Map();
  if (needs.length === 0) return totals;
  const { writes, reads, names } = buckets(scope, needs, at);
  const { rows } = await sql<{ i: number; count: number; amount: bigint }>(COUNT_STATEMENT, [
    writes.map((w) => w.key),
    writes.map((w) => w.grain),
    writes.map((w) => w.bucket),
    amount,
    at,
    reads.map((r) => r.key),
    reads.map((r) => r.grain),
    reads.map((r) => r.since),
    reads.map((r) => r.i),
  ]);
  for (const row of rows) totals.set(names[row.i - 1]!, { count: row.count, amount: BigInt(row.amount) });
  return totals;
}

/**
 * Takes a blocked event back out of its buckets: the counters count what was let through (and held for review), so
 * a blocked burst does not keep blocking the buyer's later, smaller orders. Checks that saw the event stay decided.
 */
export async function uncount(scope: CounterScope, needs: readonly CounterNeed[], at: Date, amount: bigint): Promise<void> {
  if (needs.length === 0) return;
  const { writes } = buckets(scope, needs, at);
  await sql(
    `UPDATE "RiskCounter" c SET count = c.count - 1, amount = c.amount - $4::bigint
       FROM unnest($1::text[], $2::text[], $3::timestamp[]) AS w(key, grain, bucket)
      WHERE c.key = w.key AND c.grain = w.grain AND c.bucket = w.bucket`,
    [writes.map((w) => w.key), writes.map((w) => w.grain), writes.map((w) => w.bucket), amount],
  );
}

/** Deletes buckets older than `before` (the cleanup job: no window reaches back more than 7 days). */
export async function deleteCountersBefore(before: Date): Promise<number> {
  const { rowCount } = await sql(`DELETE FROM "RiskCounter" WHERE bucket < $1::timestamp`, [before]);
  return rowCount;
}
