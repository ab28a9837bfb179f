import type { AlertTargetConfig, AlertTargetKind } from "@/server/domain/alert-rule-schema";
import { sendDingtalk } from "./dingtalk";
import { sendEmail } from "./email";
import { sendWecom } from "./wecom";

export { NotifierError } from "./post-robot";

/** Sends one message to a target of any kind; throws NotifierError (or another error) when it was not taken. */
export async function sendToTarget(kind: AlertTargetKind, config: AlertTargetConfig, message: { title: string; text: string }): Promise<void> {
  switch (kind) {
    case "DINGTALK":
      return sendDingtalk(config as AlertTargetConfig<"DINGTALK">, message);
    case "WECOM":
      return sendWecom(config as AlertTargetConfig<"WECOM">, message);
    case "EMAIL":
      return sendEmail(config as AlertTargetConfig<"EMAIL">, message);
    default:
      return kind satisfies never;
  }
}
