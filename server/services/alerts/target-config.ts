import { alertTargetConfigSchemas, type AlertTargetConfig, type AlertTargetKind } from "@/server/domain/alert-rule-schema";
import { encryptSecret, decryptSecret, secretContext } from "@/server/secrets";

/** An alert target's config sealed at rest (robot webhooks carry their credential in the URL; SEC secrets too). */
export function sealTargetConfig(targetId: string, config: AlertTargetConfig): string {
  return encryptSecret(JSON.stringify(config), secretContext.alertTarget(targetId));
}

export function openTargetConfig<K extends AlertTargetKind>(target: { id: string; kind: K; configEnc: string }): AlertTargetConfig<K> {
  const raw: unknown = JSON.parse(decryptSecret(target.configEnc, secretContext.alertTarget(target.id)));
  return alertTargetConfigSchemas[target.kind].parse(raw) as AlertTargetConfig<K>;
}

/** What the console may show of a target's config: the host of a robot URL, the addresses of e-mail. Never the token or secret. */
export function describeTargetConfig(kind: AlertTargetKind, config: AlertTargetConfig): string {
  if ("to" in config) return config.to.join(", ");
  try {
    return new URL(config.url).host;
  } catch {
    return kind;
  }
}
