import { db } from "@/server/db";
import { changedCredentialNames, mergeCredentials } from "@/server/domain/credential-fields";
import { changedFields } from "@/server/domain/redact";
import { AppError } from "@/server/errors";
import { encryptSecret, secretContext } from "@/server/secrets";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { channelPlugin } from "@/server/channels/registry";
import { checkBaseUrl, checkModes, meetsLiveSchema, parseCredentials } from "./account-settings";
import { channelAccountSnapshot, findMerchantChannelAccount, openStoredCredentials } from "./find-channel-account";

type Input = {
  name: string;
  modes: string[];
  feeRateBps: number;
  subsidyBps: number;
  priority: number;
  enabled: boolean;
  baseUrl: string;
  credentials: Record<string, string>;
};

/**
 * Edits a channel account. Secrets left blank keep their stored values; whatever results is validated
 * by the plugin's schema again and sealed anew. Compare-and-set on the row's version, so two editors
 * cannot silently overwrite each other. The audit entry names the credential fields that changed, never their values.
 */
export async function updateChannelAccount(merchantId: string, actor: AuditActor, id: string, input: Input) {
  const account = await findMerchantChannelAccount(merchantId, id);
  const plugin = channelPlugin(account.channel);
  const modes = checkModes(input.modes, plugin);
  const baseUrl = await checkBaseUrl(input.baseUrl, account.app.mode, plugin);
  const stored = openStoredCredentials(account);
  const live = account.app.mode === "LIVE" && meetsLiveSchema(plugin, stored);
  const credentials = parseCredentials(plugin, mergeCredentials(input.credentials, stored, plugin.secretFields), live) as Record<string, unknown>;
  const changedCredentials = changedCredentialNames(stored, credentials);
  await db.$transaction(async (tx) => {
    const { count } = await tx.channelAccount.updateMany({
      where: { id, merchantId, updatedAt: account.updatedAt },
      data: {
        name: input.name,
        modes,
        feeRateBps: input.feeRateBps,
        subsidyBps: input.subsidyBps,
        priority: input.priority,
        status: input.enabled ? "ENABLED" : "DISABLED",
        baseUrl,
        ...(changedCredentials.length > 0
          ? { credentialsEnc: encryptSecret(JSON.stringify(credentials), secretContext.channelCredentials(id)) }
          : {}),
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "the account was changed meanwhile: reload and try again");
    const updated = await tx.channelAccount.findUniqueOrThrow({ where: { id } });
    const before = channelAccountSnapshot(account, plugin.accountIdentity(stored));
    const after = channelAccountSnapshot(updated, plugin.accountIdentity(credentials));
    const changed = [...changedFields(before, after), ...changedCredentials.map((name) => `credentials.${name}`)];
    if (changed.length === 0) return;
    await recordAudit(tx, actor, {
      merchantId,
      action: "channel_account.updated",
      targetType: "channel_account",
      targetId: id,
      before,
      after: { ...after, changed },
    });
  });
  return { id, changedCredentials };
}
