import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { sendToTarget } from "@/server/services/alerts/notifiers";
import { openTargetConfig } from "@/server/services/alerts/target-config";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import type { AlertOwner } from "./owner";

/** Why a test message was not taken, in terms the console words for a person (never the transport's own text). */
export type TestFailure = "timeout" | "refused" | "httpError" | "unreachable" | "emailNotConfigured";
export type TestResult = { ok: true } | { ok: false; reason: TestFailure };

/** The notifiers' NotifierError messages (server/services/alerts/notifiers) sorted into what the person can act on. */
function classify(message: string): TestFailure {
  if (message.startsWith("no answer within")) return "timeout";
  if (message.startsWith("errcode") || message.startsWith("not a robot answer")) return "refused";
  if (message.startsWith("HTTP ")) return "httpError";
  if (message.startsWith("SMTP_URL is not set")) return "emailNotConfigured";
  return "unreachable";
}

/**
 * Sends a test message to one of the owner's targets through the same notifier the alerts use (a DingTalk robot
 * gets it signed), now, and answers whether it was taken. Audited; the raw error goes to the log only.
 */
export async function sendTestAlertMessage(owner: AlertOwner, targetId: string, actor: AuditActor, now = new Date()): Promise<TestResult> {
  const target = await db.alertTarget.findFirst({ where: { id: targetId, merchantId: owner } });
  if (!target) throw new AppError("NOT_FOUND", "no such alert target");
  let result: TestResult;
  try {
    const config = openTargetConfig(target);
    await sendToTarget(target.kind, config, {
      title: "PayCenter 测试消息 / test message",
      text: `### PayCenter 测试消息\n\n通知渠道「${target.name}」可以收到监控告警。\n\nThe target "${target.name}" receives PayCenter alerts.\n\n${now.toISOString()}`,
    });
    result = { ok: true };
  } catch (error) {
    logger.warn({ err: error, targetId }, "alert target test message not taken");
    result = { ok: false, reason: classify((error as Error).message ?? "") };
  }
  await db.$transaction((tx) =>
    recordAudit(tx, actor, { merchantId: owner, action: "alert_target.tested", targetType: "AlertTarget", targetId, after: { ok: result.ok, reason: result.ok ? null : result.reason } }),
  );
  return result;
}
