import type { AlertTargetKind } from "@/server/domain/alert-rule-schema";
import { loadEnv } from "@/server/env";
import { sendToTarget } from "./notifiers";
import { openTargetConfig } from "./target-config";

/**
 * The console's "send a test message" for a target (part E calls it): one Chinese message through the same
 * notifier, SSRF guard and signing as an alert. Answers the reason a person can act on instead of throwing.
 * Not counted in the target's 20-a-minute budget (a person clicks it, not a storm).
 */
export async function sendTestMessage(target: { id: string; kind: AlertTargetKind; configEnc: string }): Promise<{ ok: true } | { ok: false; reason: string }> {
  const base = loadEnv().PUBLIC_BASE_URL.replace(/\/$/, "");
  const message = { title: "【测试】PayCenter 告警通知", text: `### 【测试】PayCenter 告警通知\n- 这是一条测试消息：告警将以这种方式送达。\n\n[打开 PayCenter](${base})` };
  try {
    await sendToTarget(target.kind, openTargetConfig(target), message);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: ((error as Error).message || "send failed").slice(0, 300) };
  }
}
