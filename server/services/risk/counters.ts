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

function buckets(scope: CounterScope, needs: readonly CounterNeed[], at: Date) {
  const writes = new Map<string, Bucket>();
  const reads = needs.map((need) => {
    const key = counterKey(scope, need.dimension, need.value);
    const grain = grainOf(need.window);
    const bucket = bucketStart(at, grain).toISOString();
    writes.set(`${key}/${grain}`, { key, grain, bucket });
    return { key, grain, since: windowSince(at, need.window).toISOString(), name: windowKey(need.dimension, need.window) };
  });
  return { writes: [...writes.values()], reads };
}

const COUNT_STATEMENT = `
WITH up AS (
  INSERT INTO "RiskCounter" (key, grain, bucket, count, amount, "updatedAt")
  SELECT w.key, w.grain, w.bucket, 1, $4::bigint, $5::timestamp
    FROM unnest($1::text[], $2::text[], $3::timestamp[]) AS w(key, grain, bucket)
  ON CONFLICT (key, grain, bucket) DO UPDATE
    SET count = "RiskCounter".count + 1, amount = "RiskCounter".amount + EXCLUDED.amount, "updatedAt" = EXCLUDED."updatedAt"
  RETURNING key, grain, bucket, count, amount
)
SELECT r.i::int AS i,
       (up.count + COALESCE(SUM(c.count), 0))::int AS count,
       (up.amount + COALESCE(SUM(c.amount), 0))::bigint AS amount
  FROM unnest($6::text[], $7::text[], $8::timestamp[]) WITH ORDINALITY AS r(key, grain, since, i)
  JOIN up ON up.key = r.key AND up.grain = r.grain
  LEFT JOIN "RiskCounter" c ON c.key = r.key AND c.grain = r.grain AND c.bucket >= r.since AND c.bucket < up.bucket
 GROUP BY r.i, up.count, up.amount`;

/**
 * Counts this event into every needed bucket and returns each window's total (this event included), by
 * windowKey(dimension, window). One statement, outside any transaction (autocommit), so the row lock of a hot
 * counter is held for the statement only. Nothing is sent when no rule needs a counter.
 */
export async function countAndRead(scope: CounterScope, needs: readonly CounterNeed[], at: Date, amount: bigint): Promise<WindowTotals> {
  const totals: WindowTotals = new Map();
  if (needs.length === 0) return totals;
  const { writes, reads } = buckets(scope, needs, at);
  const { rows } = await sql<{ i: number; count: number; amount: bigint }>(COUNT_STATEMENT, [
    writes.map((w) => w.key),
    writes.map((w) => w.grain),
    writes.map((w) => w.bucket),
    amount,
    at,
    reads.map((r) => r.key),
    reads.map((r) => r.grain),
    reads.map((r) => r.since),
  ]);
  for (const row of rows) totals.set(reads[row.i - 1]!.name, { count: row.count, amount: BigInt(row.amount) });
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
