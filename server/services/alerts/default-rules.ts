import { db, type Tx } from "@/server/db";
import { DEFAULT_ALERT_RULES, PLATFORM_ONLY_ALERT_KINDS } from "@/server/domain/alert-rule-schema";

/** Default rule names, as stored (the console words kinds itself; the name is the owner's label). */
const DEFAULT_NAMES: Record<(typeof DEFAULT_ALERT_RULES)[number]["kind"], string> = {
  SUCCESS_RATE_DROP: "支付成功率下降",
  ERROR_SPIKE: "渠道错误激增",
  NO_CALLBACKS: "渠道回调中断",
  WEBHOOK_FAILING: "商户通知失败",
  JOB_BACKLOG: "任务队列积压",
  RISK_BLOCKS_SPIKE: "风控拦截激增",
  RECON_DIFFERENCES: "对账差异未处理",
  REPLICA_LAG: "只读副本延迟",
};

/**
 * Gives a merchant (or the platform, merchantId null) the default alert rules once: when it has no rule at all.
 * Idempotent under races: a transaction-scoped advisory lock per owner.
 */
export async function ensureDefaultAlertRules(merchantId: string | null, client: Tx | typeof db = db): Promise<void> {
  const run = async (tx: Tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`alert-defaults:${merchantId ?? "platform"}`}))`;
    if ((await tx.alertRule.count({ where: { merchantId } })) > 0) return;
    const rules = DEFAULT_ALERT_RULES.filter((r) => merchantId === null || !PLATFORM_ONLY_ALERT_KINDS.includes(r.kind));
    await tx.alertRule.createMany({
      data: rules.map((r) => ({ merchantId, kind: r.kind, name: DEFAULT_NAMES[r.kind], params: r.params, windowMinutes: r.windowMinutes, targetIds: [] })),
    });
  };
  if ("$transaction" in client) await client.$transaction(run);
  else await run(client);
}
