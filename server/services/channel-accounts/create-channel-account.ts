import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import type { ChannelCode } from "@/server/domain/channel-codes";
import { generateSandboxCredentials, provisionSandboxMerchant } from "@/server/sandbox";
import { encryptSecret, secretContext } from "@/server/secrets";
import { findMerchantApp } from "@/server/services/apps/find-app";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { channelPlugin } from "@/server/channels/registry";
import { checkBaseUrl, checkModes, parseCredentials, sandboxBaseUrl } from "./account-settings";
import { channelAccountSnapshot } from "./find-channel-account";

type Input = {
  channel: ChannelCode;
  name: string;
  modes: string[];
  feeRateBps: number;
  subsidyBps: number;
  priority: number;
  enabled: boolean;
  baseUrl: string;
  credentials: Record<string, string>;
  sandbox: boolean;
};

/**
 * Adds a channel account to an app. With `sandbox`, the credentials are generated and a merchant is
 * opened at the built-in sandbox for them (TEST apps reach it by default; a LIVE app's account then
 * points its base URL there, a rehearsal that moves no money). Otherwise the plugin's schema
 * validates what was entered. Credentials are sealed; the answer never carries them.
 */
export async function createChannelAccount(merchantId: string, actor: AuditActor, appId: string, input: Input) {
  const app = await findMerchantApp(merchantId, appId);
  const plugin = channelPlugin(input.channel);
  const modes = checkModes(input.modes, plugin);
  const baseUrl = input.sandbox ? (app.mode === "LIVE" ? sandboxBaseUrl(plugin) : null) : await checkBaseUrl(input.baseUrl, app.mode, plugin);
  const typed = Object.fromEntries(Object.entries(input.credentials).map(([k, v]) => [k, v.trim()]));
  const entered = input.sandbox ? null : parseCredentials(plugin, typed, app.mode === "LIVE");
  const id = randomUUID();
  const generated = input.sandbox ? await generateSandboxCredentials(input.channel) : null;
  return db.$transaction(async (tx) => {
    const credentials = entered ?? plugin.credentialsSchema.parse(await provisionSandboxMerchant(tx, input.channel, id, generated!));
    const account = await tx.channelAccount.create({
      data: {
        id,
        merchantId,
        appId: app.id,
        channel: input.channel,
        name: input.name,
        modes,
        feeRateBps: input.feeRateBps,
        subsidyBps: input.subsidyBps,
        priority: input.priority,
        status: input.enabled ? "ENABLED" : "DISABLED",
        baseUrl,
        credentialsEnc: encryptSecret(JSON.stringify(credentials), secretContext.channelCredentials(id)),
      },
    });
    await recordAudit(tx, actor, {
      merchantId,
      action: "channel_account.created",
      targetType: "channel_account",
      targetId: id,
      after: { ...channelAccountSnapshot(account, plugin.accountIdentity(credentials)), appId: app.id, sandboxProvisioned: input.sandbox },
    });
    return { id, sandboxProvisioned: input.sandbox };
  });
}
