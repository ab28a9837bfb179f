import { signedDingtalkUrl } from "@/server/domain/alert-evaluation";
import type { AlertTargetConfig } from "@/server/domain/alert-rule-schema";
import { postRobot } from "./post-robot";

/**
 * A DingTalk custom robot (加签): markdown message, `timestamp` (ms) and `sign` =
 * urlEncode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))) added to the webhook URL.
 */
export async function sendDingtalk(config: AlertTargetConfig<"DINGTALK">, message: { title: string; text: string }, now = Date.now()): Promise<void> {
  await postRobot(signedDingtalkUrl(config.url, config.secret, now), { msgtype: "markdown", markdown: { title: message.title, text: message.text } });
}
