import { db } from "@/server/db";
import { breakerState } from "@/server/domain/routing/breaker";
import { sql } from "@/server/sql";
import { findRoutingApp } from "./route-rules";

export type HealthWindow = { attempts: number; succeeded: number; failed: number; errors: number; successRate: number | null; p95LatencyMs: number | null };
export type AccountHealth = {
  accountId: string;
  name: string;
  channel: string;
  enabled: boolean;
  /** The worst breaker over the account's modes, and the modes it skips now. */
  breaker: "closed" | "open" | "half_open";
  openModes: string[];
  lastHour: HealthWindow;
  lastDay: HealthWindow;
};

type Row = { accountId: string; attempts: number; succeeded: number; failed: number; errors: number; p95: number | null };

async function windowStats(accountIds: string[], since: Date): Promise<Map<string, Row>> {
  const { rows } = await sql<Row>(
    `SELECT "channelAccountId" AS "accountId", count(*)::int AS attempts,
       count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded,
       count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
       count(*) FILTER (WHERE "payOutcome" IN ('unavailable', 'timeout', 'unknown'))::int AS errors,
       percentile_disc(0.95) WITHIN GROUP (ORDER BY "payLatencyMs") AS p95
     FROM "Payment" WHERE "channelAccountId" = ANY($1::text[]) AND "createdAt" > $2
     GROUP BY "channelAccountId"`,
    [accountIds, since],
  );
  return new Map(rows.map((r) => [r.accountId, r]));
}

function toWindow(row: Row | undefined): HealthWindow {
  if (!row) return { attempts: 0, succeeded: 0, failed: 0, errors: 0, successRate: null, p95LatencyMs: null };
  const concluded = row.succeeded + row.failed;
  return {
    attempts: row.attempts,
    succeeded: row.succeeded,
    failed: row.failed,
    errors: row.errors,
    successRate: concluded ? Math.round((row.succeeded * 1000) / concluded) : null,
    p95LatencyMs: row.p95,
  };
}

const SEVERITY = { closed: 0, half_open: 1, open: 2 } as const;

/**
 * The channel-health panel of an app: per account, success rate (‰ of concluded attempts), p95
 * latency of the pay call, channel errors, over the last hour and day, from the Payment rows every
 * node writes; and its circuit breakers.
 */
export async function channelHealth(merchantId: string, appId: string, now = new Date()): Promise<AccountHealth[]> {
  await findRoutingApp(merchantId, appId);
  const accounts = await db.channelAccount.findMany({
    where: { appId, merchantId },
    orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
    select: { id: true, name: true, channel: true, status: true, breakers: true },
  });
  const ids = accounts.map((a) => a.id);
  const [hour, day] = await Promise.all([windowStats(ids, new Date(now.getTime() - 3_600_000)), windowStats(ids, new Date(now.getTime() - 86_400_000))]);
  return accounts.map((a) => {
    const states = a.breakers.map((b) => ({ mode: b.mode, state: breakerState({ state: b.state as "CLOSED" | "OPEN", consecutiveFailures: b.consecutiveFailures, openedAt: b.openedAt }, now) }));
    const worst = states.reduce<AccountHealth["breaker"]>((w, s) => (SEVERITY[s.state] > SEVERITY[w] ? s.state : w), "closed");
    return {
      accountId: a.id,
      name: a.name,
      channel: a.channel,
      enabled: a.status === "ENABLED",
      breaker: worst,
      openModes: states.filter((s) => s.state === "open").map((s) => s.mode),
      lastHour: toWindow(hour.get(a.id)),
      lastDay: toWindow(day.get(a.id)),
    };
  });
}
