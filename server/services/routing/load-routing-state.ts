import { db } from "@/server/db";
import { defaultRouteRule, parseStoredRule } from "@/server/domain/route-rule-schema";
import type { BreakerRow, RoutingAccount, RoutingRule } from "@/server/domain/routing/types";
import { logger } from "@/server/observability/logger";
import { sql } from "@/server/sql";

export type RoutingState = {
  accounts: RoutingAccount[];
  /** Breakers that are not plain closed, by `${accountId}:${mode}`. */
  breakers: Map<string, BreakerRow>;
  rules: RoutingRule[];
};

type StateRow = {
  version: number | null;
  accounts: (Omit<RoutingAccount, "enabled"> & { status: string })[];
  breakers: { channelAccountId: string; mode: string; state: "CLOSED" | "OPEN"; consecutiveFailures: number; openedAt: string | null }[];
};

const rulesCache = new Map<string, { version: number; rules: RoutingRule[] }>();

export const breakerKey = (accountId: string, mode: string) => `${accountId}:${mode}`;

/** Drops this process's copy of an app's rules (others notice the bumped App.routeVersion). */
export function forgetRouteRules(appId: string): void {
  rulesCache.delete(appId);
}

async function loadRules(appId: string): Promise<RoutingRule[]> {
  const rows = await db.routeRule.findMany({ where: { appId }, orderBy: [{ isDefault: "asc" }, { position: "asc" }] });
  const rules: RoutingRule[] = [];
  for (const row of rows) {
    const rule = parseStoredRule(row);
    if (rule) rules.push(rule);
    else logger.error({ appId, ruleId: row.id }, "route rule does not parse: skipped");
  }
  // An app created without its default rule still routes (every account by priority).
  if (!rules.some((r) => r.isDefault)) rules.push(defaultRouteRule());
  return rules;
}

/**
 * What routing an app's payment needs, in one round trip: its channel accounts, the breakers that
 * are not plain closed, and its rules version. Rules are cached per process by that version, which
 * every rule change bumps in its transaction: a change applies to the next payment on every node.
 */
export async function loadRoutingState(appId: string): Promise<RoutingState> {
  const { rows } = await sql<StateRow>(
    `SELECT (SELECT "routeVersion" FROM "App" WHERE id = $1) AS version,
       COALESCE((SELECT json_agg(json_build_object('id', a.id, 'channel', a.channel, 'name', a.name, 'modes', a.modes,
                  'status', a.status, 'feeRateBps', a."feeRateBps", 'subsidyBps', a."subsidyBps", 'priority', a.priority)
                  ORDER BY a.priority DESC, a."createdAt")
                 FROM "ChannelAccount" a WHERE a."appId" = $1), '[]') AS accounts,
       COALESCE((SELECT json_agg(json_build_object('channelAccountId', b."channelAccountId", 'mode', b.mode, 'state', b.state,
                  'consecutiveFailures', b."consecutiveFailures", 'openedAt', b."openedAt"))
                 FROM "ChannelBreaker" b JOIN "ChannelAccount" a ON a.id = b."channelAccountId"
                 WHERE a."appId" = $1 AND (b.state <> 'CLOSED' OR b."consecutiveFailures" > 0)), '[]') AS breakers`,
    [appId],
  );
  const row = rows[0];
  const version = row?.version ?? 0;
  let cached = rulesCache.get(appId);
  if (!cached || cached.version !== version) {
    cached = { version, rules: await loadRules(appId) };
    if (rulesCache.size > 10_000) rulesCache.clear();
    rulesCache.set(appId, cached);
  }
  return {
    accounts: (row?.accounts ?? []).map(({ status, ...a }) => ({ ...a, enabled: status === "ENABLED" })),
    breakers: new Map(
      (row?.breakers ?? []).map((b) => [
        breakerKey(b.channelAccountId, b.mode),
        // json_build_object renders timestamp without zone as local ISO text; Prisma stores UTC
        { state: b.state, consecutiveFailures: b.consecutiveFailures, openedAt: b.openedAt ? new Date(`${b.openedAt}Z`) : null },
      ]),
    ),
    rules: cached.rules,
  };
}
