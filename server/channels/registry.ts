import { CHANNEL_CODES, isChannelCode, type PaymentApp } from "@/server/domain/channel-codes";
import type { AppMode, ChannelAccount } from "@/server/generated/prisma/client.ts";
import { loadEnv } from "@/server/env";
import { outboundPolicy } from "@/server/net/outbound-guard";
import { decryptSecret, secretContext } from "@/server/secrets";
import { alipayPlugin } from "./alipay";
import type { ChannelCode, ChannelContext, ChannelPlugin } from "./types";
import { unionpayPlugin } from "./unionpay";
import { wechatpayPlugin } from "./wechatpay";

/**
 * Every channel plugin, by code (server/domain/channel-codes.ts lists the codes; the type makes each
 * one's plugin required). A new channel is a folder next to this file and one line here
 * (docs/adding-a-channel.md).
 */
const PLUGINS: Record<ChannelCode, ChannelPlugin<never>> = {
  wechatpay: wechatpayPlugin as ChannelPlugin<never>,
  alipay: alipayPlugin as ChannelPlugin<never>,
  unionpay: unionpayPlugin as ChannelPlugin<never>,
};

export { isChannelCode };

export function channelPlugin(code: string): ChannelPlugin<unknown> {
  if (!isChannelCode(code)) throw new Error(`unknown channel ${code}`);
  return PLUGINS[code] as ChannelPlugin<unknown>;
}

/** Every plugin, in the order of CHANNEL_CODES. */
export function channelPlugins(): ChannelPlugin<unknown>[] {
  return CHANNEL_CODES.map((code) => PLUGINS[code] as ChannelPlugin<unknown>);
}

/** The channel whose plugin names `app` as its own (WeChat → wechatpay), if any. */
export function channelOfApp(app: PaymentApp | null): ChannelCode | undefined {
  return app ? channelPlugins().find((plugin) => plugin.cashier?.payerApp === app)?.code : undefined;
}


/** Our callback URL for a channel account (what the channel is told as notify_url). */
export function notifyUrlFor(channel: string, channelAccountId: string): string {
  return `${loadEnv().PUBLIC_BASE_URL}/api/notify/${channel}/${channelAccountId}`;
}

/** Opened credentials by account and sealed value (a changed credential is another entry). */
const opened = new Map<string, unknown>();

/**
 * An account's credentials, decrypted and validated by the plugin's schema once per sealed value:
 * parsing the PEM keys costs about a millisecond, and every callback and channel call needs them.
 */
function openCredentials(plugin: ChannelPlugin<unknown>, account: Pick<ChannelAccount, "id" | "channel" | "credentialsEnc">): unknown {
  const key = `${account.id}\n${account.channel}\n${account.credentialsEnc}`;
  let credentials = opened.get(key);
  if (credentials === undefined) {
    credentials = Object.freeze(plugin.credentialsSchema.parse(JSON.parse(decryptSecret(account.credentialsEnc, secretContext.channelCredentials(account.id)))));
    if (opened.size >= 1000) opened.clear();
    opened.set(key, credentials);
  }
  return credentials;
}

/**
 * Resolves a channel account to its plugin and call context: credentials opened and validated by
 * the plugin's schema, and the base URL — the account's override, the built-in sandbox for TEST
 * apps, or the channel's production URL for LIVE apps. Same plugin code either way.
 */
export function resolveChannel(account: Pick<ChannelAccount, "id" | "channel" | "credentialsEnc" | "baseUrl">, appMode: AppMode) {
  const plugin = channelPlugin(account.channel);
  const env = loadEnv();
  const credentials = openCredentials(plugin, account);
  const notifyUrl = notifyUrlFor(account.channel, account.id);
  const ctx: ChannelContext<unknown> = {
    channelAccountId: account.id,
    credentials,
    baseUrl: account.baseUrl ?? (appMode === "TEST" ? `${env.PUBLIC_BASE_URL}${plugin.sandboxPath}` : plugin.productionBaseUrl),
    notifyUrl,
    refundNotifyUrl: `${notifyUrl}/refund`,
    timeoutMs: env.CHANNEL_TIMEOUT_MS,
    outbound: outboundPolicy(appMode),
  };
  return { plugin, ctx };
}
