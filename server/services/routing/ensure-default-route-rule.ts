import type { Tx } from "@/server/db";
import { defaultRouteRule } from "@/server/domain/route-rule-schema";

/** Position of the default rule when it is created on its own: after any rule (saving the set renumbers). */
const DEFAULT_POSITION = 1_000_000;

/**
 * Every app has one default rule (last, catch-all, every account by priority). Call it in the
 * transaction that creates an app; idempotent (a unique index allows one default per app).
 */
export async function ensureDefaultRouteRule(tx: Tx, appId: string): Promise<void> {
  const existing = await tx.routeRule.findFirst({ where: { appId, isDefault: true }, select: { id: true } });
  if (existing) return;
  const app = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: { merchantId: true } });
  const rule = defaultRouteRule();
  await tx.routeRule.create({
    data: {
      merchantId: app.merchantId,
      appId,
      position: DEFAULT_POSITION,
      name: rule.name,
      enabled: true,
      isDefault: true,
      conditions: rule.conditions,
      strategy: rule.strategy,
      params: rule.params,
      targets: rule.targets,
    },
  });
}
