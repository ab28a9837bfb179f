import { randomUUID } from "node:crypto";
import { db } from "../server/db.ts";
import { ensureDefaultAlertRules } from "../server/services/alerts/default-rules.ts";
import { sealTargetConfig } from "../server/services/alerts/target-config.ts";

/**
 * The demo's monitoring (监控告警): the demo merchant's default alert rules, and a DingTalk robot target that is
 * switched off and points at a made-up address (no real group is messaged): a merchant sees how one is set up,
 * replaces the URL and secret with its own robot's, and switches it on.
 */
export async function seedDemoAlerts(merchantId: string): Promise<void> {
  await ensureDefaultAlertRules(merchantId);
  await ensureDefaultAlertRules(null);
  if ((await db.alertTarget.count({ where: { merchantId } })) > 0) return;
  const id = randomUUID();
  await db.alertTarget.create({
    data: {
      id,
      merchantId,
      kind: "DINGTALK",
      name: "运维值班群（示例）",
      enabled: false,
      configEnc: sealTargetConfig(id, { url: "https://oapi.dingtalk.invalid/robot/send?access_token=demo", secret: "SECdemo0000000000000000" }),
    },
  });
  await db.alertRule.updateMany({ where: { merchantId, kind: "SUCCESS_RATE_DROP" }, data: { targetIds: [id] } });
}
