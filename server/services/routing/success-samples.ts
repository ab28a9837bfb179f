import type { RouteParams } from "@/server/domain/route-rule-schema";
import type { HealthSample } from "@/server/domain/routing/types";
import { sql } from "@/server/sql";

/**
 * Success samples for best-success-rate routing: per account and mode, the last `windowSize`
 * concluded attempts (succeeded or failed) no older than `windowMinutes`, read from the Payment rows
 * every process writes — so web and worker nodes share one view. One indexed query
 * (Payment(channelAccountId, createdAt)), only for payments a best-success-rate rule may route.
 */
export async function successSamples(pairs: { accountId: string; mode: string }[], params: RouteParams, now = new Date()): Promise<Map<string, HealthSample>> {
  if (pairs.length === 0) return new Map();
  const { rows } = await sql<{ accountId: string; mode: string; samples: number; successes: number }>(
    `SELECT t.account AS "accountId", t.mode, count(p.status)::int AS samples, count(*) FILTER (WHERE p.status = 'SUCCEEDED')::int AS successes
     FROM unnest($1::text[], $2::text[]) AS t(account, mode)
     CROSS JOIN LATERAL (
       SELECT status FROM "Payment"
       WHERE "channelAccountId" = t.account AND mode = t.mode AND status IN ('SUCCEEDED', 'FAILED') AND "createdAt" > $3
       ORDER BY "createdAt" DESC LIMIT $4) p
     GROUP BY t.account, t.mode`,
    [pairs.map((p) => p.accountId), pairs.map((p) => p.mode), new Date(now.getTime() - params.windowMinutes * 60_000), params.windowSize],
  );
  return new Map(rows.map((r) => [`${r.accountId}:${r.mode}`, { samples: r.samples, successes: r.successes }]));
}
