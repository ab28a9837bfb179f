import { type CredentialField, type CredentialFieldHints, credentialFields } from "@/server/domain/credential-fields";
import { alipayCredentialHints } from "./alipay/credentials";
import { channelPlugin } from "./registry";
import type { ChannelCode, PayMode } from "./types";
import { wechatpayCredentialHints } from "./wechatpay/credentials";

const HINTS: Record<ChannelCode, CredentialFieldHints> = { wechatpay: wechatpayCredentialHints, alipay: alipayCredentialHints };

export type ChannelForm = { channel: ChannelCode; modes: readonly PayMode[]; fields: CredentialField[] };

/** What the console needs to render a channel's account form: its modes and credential fields. */
export function channelForm(channel: ChannelCode): ChannelForm {
  const plugin = channelPlugin(channel);
  return { channel, modes: plugin.modes, fields: credentialFields(plugin.credentialsSchema, plugin.secretFields, HINTS[channel]) };
}

export const CHANNEL_FORMS: ChannelCode[] = ["wechatpay", "alipay"];
