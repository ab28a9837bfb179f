import { db, type Tx } from "@/server/db";
import { ruleMatches } from "@/server/domain/profit-sharing";

/**
 * Whether a new pay order is frozen for profit sharing at the channel (WeChat settle_info.profit_sharing,
 * Alipay royalty_freeze): the request asks for it (`profitSharing: true`), or an enabled rule of the app
 * matches its metadata.
 */
export async function marksProfitSharing(appId: string, asked: boolean | undefined, metadata: unknown, client: Tx | typeof db = db): Promise<boolean> {
  if (asked) return true;
  const rules = await client.profitShareRule.findMany({ where: { appId, enabled: true } });
  return rules.some((rule) => ruleMatches(rule, metadata ?? null));
}
