import { db } from "@/server/db";
import type { RouteRuleInput } from "@/server/domain/route-rule-schema";
import { entryOfMode } from "@/server/domain/routing/entry";
import { type ReplayOrder, type Simulation, simulate } from "@/server/domain/routing/simulate";
import { sql } from "@/server/sql";
import { findRoutingApp } from "./route-rules";

/** At most this many orders are replayed (the newest). */
export const MAX_REPLAYED_ORDERS = 20_000;

type Row = { amount: bigint; mode: string; metadata: unknown; createdAt: Date; accountId: string; status: string };

/**
 * "What if": the app's orders of the last `days` days (each with its latest attempt) replayed
 * through a draft rule set, before it is saved (server/domain/routing/simulate.ts).
 */
export async function simulateRouteRules(merchantId: string, appId: string, days: number, rules: RouteRuleInput[], now = new Date()): Promise<Simulation & { days: number }> {
  await findRoutingApp(merchantId, appId);
  const accounts = await db.channelAccount.findMany({ where: { appId, merchantId }, orderBy: [{ priority: "desc" }, { createdAt: "asc" }] });
  const { rows } = await sql<Row>(
    `SELECT DISTINCT ON (o."payOrderNo") o.amount, p.mode, o.metadata, o."createdAt", p."channelAccountId" AS "accountId", p.status::text AS status
     FROM "PayOrder" o JOIN "Payment" p ON p."payOrderNo" = o."payOrderNo"
     WHERE o."appId" = $1 AND o."merchantId" = $2 AND o."createdAt" > $3
     ORDER BY o."payOrderNo" DESC, p.seq DESC
     LIMIT $4`,
    [appId, merchantId, new Date(now.getTime() - days * 86_400_000), MAX_REPLAYED_ORDERS],
  );
  const orders: ReplayOrder[] = rows.map((r) => ({
    amount: r.amount,
    mode: r.mode,
    entry: entryOfMode(r.mode),
    metadata: r.metadata && typeof r.metadata === "object" ? (r.metadata as Record<string, string>) : {},
    at: r.createdAt,
    accountId: r.accountId,
    succeeded: r.status === "SUCCEEDED" ? true : r.status === "FAILED" ? false : null,
  }));
  const routingAccounts = accounts.map((a) => ({
    id: a.id,
    channel: a.channel,
    name: a.name,
    modes: a.modes,
    enabled: a.status === "ENABLED",
    feeRateBps: a.feeRateBps,
    subsidyBps: a.subsidyBps,
    priority: a.priority,
  }));
  return { ...simulate({ orders, accounts: routingAccounts, rules }), days };
}
