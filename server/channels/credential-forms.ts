import { type CredentialField, type CredentialFieldHints, credentialFields } from "@/server/domain/credential-fields";
import { alipayCredentialHints } from "./alipay/credentials";
import { loadEnv } from "@/server/env";
import { channelPlugin } from "./registry";
import type { ChannelCode, PayMode } from "./types";
import { wechatpayCredentialHints } from "./wechatpay/credentials";

const HINTS: Record<ChannelCode, CredentialFieldHints> = { wechatpay: wechatpayCredentialHints, alipay: alipayCredentialHints };

export type ChannelForm = {
  channel: ChannelCode;
  modes: readonly PayMode[];
  fields: CredentialField[];
  /** The built-in sandbox's base URL for this channel (a LIVE account's rehearsal override). */
  sandboxUrl: string;
  /** Where LIVE accounts go without an override. */
  productionUrl: string;
};

/** What the console needs to render a channel's account form: its modes and credential fields. */
export function channelForm(channel: ChannelCode): ChannelForm {
  const plugin = channelPlugin(channel);
  return {
    channel,
    modes: plugin.modes,
    fields: credentialFields(plugin.credentialsSchema, plugin.secretFields, HINTS[channel]),
    sandboxUrl: `${loadEnv().PUBLIC_BASE_URL}${plugin.sandboxPath}`,
    productionUrl: plugin.productionBaseUrl,
  };
}

export const CHANNEL_FORMS: ChannelCode[] = ["wechatpay", "alipay"];
