import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/server/db";
import type { ChannelCode } from "@/server/domain/channel-codes";
import { generateSandboxCredentials, provisionSandboxMerchant, type SandboxCredentials } from "@/server/sandbox";
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

type App = { id: string; mode: "TEST" | "LIVE" };

/** What createChannelAccount checked and prepared outside the transaction. */
type Prepared = {
  id: string;
  input: Input;
  modes: string[];
  baseUrl: string | null;
  /** Credentials typed in (validated), or null with `generated` for a sandbox account. */
  entered: unknown;
  generated: SandboxCredentials | null;
};

/** Checks an account's settings and, for a sandbox one, generates its credentials (key pairs: outside any transaction). */
export async function prepareChannelAccount(app: App, input: Input): Promise<Prepared> {
  const plugin = channelPlugin(input.channel);
  const modes = checkModes(input.modes, plugin);
  const baseUrl = input.sandbox ? (app.mode === "LIVE" ? sandboxBaseUrl(plugin) : null) : await checkBaseUrl(input.baseUrl, app.mode, plugin);
  const typed = Object.fromEntries(Object.entries(input.credentials).map(([k, v]) => [k, v.trim()]));
  const entered = input.sandbox ? null : parseCredentials(plugin, typed, app.mode === "LIVE");
  const generated = input.sandbox ? await generateSandboxCredentials(input.channel) : null;
  return { id: randomUUID(), input, modes, baseUrl, entered, generated };
}

/** Writes a prepared account (and its sandbox merchant) inside the caller's transaction, with its audit entry. */
export async function insertChannelAccount(tx: Tx, merchantId: string, actor: AuditActor, app: App, prepared: Prepared) {
  const { id, input, modes, baseUrl, entered, generated } = prepared;
  const plugin = channelPlugin(input.channel);
  const credentials = (entered as object | null) ?? plugin.credentialsSchema.parse(await provisionSandboxMerchant(tx, input.channel, id, generated!));
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
}

/**
 * Adds a channel account to an app. With `sandbox`, the credentials are generated and a merchant is
 * opened at the built-in sandbox for them (TEST apps reach it by default; a LIVE app's account then
 * points its base URL there, a rehearsal that moves no money). Otherwise the plugin's schema
 * validates what was entered. Credentials are sealed; the answer never carries them.
 */
export async function createChannelAccount(merchantId: string, actor: AuditActor, appId: string, input: Input) {
  const app = await findMerchantApp(merchantId, appId);
  const prepared = await prepareChannelAccount(app, input);
  return db.$transaction((tx) => insertChannelAccount(tx, merchantId, actor, app, prepared));
}
